package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second project with the same inputs reuses the first one's whole build (kraft's data dir
 * {@code builds/}), through the launcher and the test core's real make; one with anything
 * different builds.
 */
class ReuseIT {
    private static final String REUSED = "reused the build of another project";
    private static final String KERNEL = ".unikraft/build/hello_qemu-x86_64";

    @TempDir
    Path tmp;

    private KraftCli kraft() throws IOException {
        return new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    @Test
    void aSecondProjectReusesTheFirstBuildBootsTheSameAndStillRebuildsWhatChanges() throws Exception {
        KraftCli kraft = kraft();
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("first")));
        Path second = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("second/at/another/depth")));
        Path compiled = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("compiled")));
        KraftCli.Result built = kraft.run(first, "build");
        assertEquals(0, built.exit(), built::toString);
        assertFalse(built.err().contains(REUSED), built::toString);

        KraftCli.Result reused = kraft.run(second, "build", "--log-level", "debug");
        assertEquals(0, reused.exit(), reused::toString);
        assertTrue(reused.err().contains(REUSED), reused::toString);
        assertFalse(reused.err().contains("configuring hello_qemu-x86_64"), reused::toString);
        assertFalse(reused.err().contains(" CC "), "nothing is compiled: " + reused);
        assertEquals(List.of(), textNaming(second.resolve(".unikraft/build"), first), "every path is the second's");
        assertEquals(List.of(), textNaming(second.resolve(".config.hello_qemu-x86_64"), first));

        KraftCli.Result fresh = kraft.run(compiled, "build", "--no-cache");
        assertEquals(0, fresh.exit(), fresh::toString);
        assertFalse(fresh.err().contains(REUSED), "--no-cache builds: " + fresh);
        assertEquals(
                kernelOutput(Qemu.boot(compiled.resolve(KERNEL), tmp, "-- x").out())
                        .replace(compiled.toString(), "P"),
                kernelOutput(Qemu.boot(second.resolve(KERNEL), tmp, "-- x").out())
                        .replace(second.toString(), "P"),
                "a reused build boots as a compiled one");

        KraftCli.Result noop = kraft.run(second, "build");
        assertEquals(0, noop.exit(), noop::toString);
        assertTrue(noop.err().contains("nothing changed since the last build"), noop::toString);

        // make rebuilds what a header of the second project touches: the dependency lists name its paths.
        Path header = second.resolve("libs/greet/include/greet.h");
        Files.writeString(header, Files.readString(header) + "#undef GREET_PUNCT\n#define GREET_PUNCT \"?\"\n");
        assertBuiltAndBoots(kraft, second, "greet: Hello, hello?");
    }

    @Test
    void aKeptBuildTheFirstProjectRewroteSinceIsNeverRestored() throws Exception {
        KraftCli kraft = kraft();
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("first")));
        assertEquals(0, kraft.run(first, "build").exit());
        Path object = objectOf(first.resolve(".unikraft/build"), "main.o");
        assertEquals(2, Files.getAttribute(object, "unix:nlink"), "kept as a hard link to the project's object");

        // A touch rebuild: gcc writes main.o again in place, so the kept main.o changes with it.
        Files.setLastModifiedTime(first.resolve("main.c"), FileTime.from(Instant.now()));
        KraftCli.Result touched = kraft.run(first, "build");
        assertEquals(0, touched.exit(), touched::toString);
        assertTrue(
                Files.isSameFile(object, objectOf(first.resolve(".unikraft/build"), "main.o")), "rewritten in place");

        Path second = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("second")));
        assertBuiltAndBoots(kraft, second, "greeting: hi from the Kraftfile");
        Path third = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("third")));
        KraftCli.Result reused = kraft.run(third, "build");
        assertEquals(0, reused.exit(), reused::toString);
        assertTrue(reused.err().contains(REUSED), "the second project's build was kept instead: " + reused);
        String booted = Qemu.boot(third.resolve(KERNEL), tmp, "").out();
        assertTrue(booted.contains("greeting: hi from the Kraftfile"), booted);
    }

    /** The one file named {@code name} below {@code tree}. */
    private static Path objectOf(Path tree, String name) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            List<Path> found = files.filter(
                            file -> file.getFileName().toString().equals(name))
                    .toList();
            assertEquals(1, found.size(), found::toString);
            return found.get(0);
        }
    }

    @Test
    void aChangedKconfigLibraryOrCompilerNeverReuses() throws Exception {
        KraftCli kraft = kraft();
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("first")));
        assertEquals(0, kraft.run(first, "build").exit());

        Path configured = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("configured")));
        edit(configured.resolve("Kraftfile"), "hi from the Kraftfile", "hi from two");
        assertBuiltAndBoots(kraft, configured, "greeting: hi from two");

        Path library = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("library")));
        edit(library.resolve("libs/greet/greet.c"), "greet: %s", "greet2: %s");
        assertBuiltAndBoots(kraft, library, "greet2: Hello, hello!");

        // Another compiler: a gcc of its own first on PATH, which runs the same one.
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        Path gcc = tools.resolve("gcc");
        Files.writeString(gcc, "#!/bin/sh\nexec /usr/bin/gcc \"$@\"\n");
        Files.setPosixFilePermissions(gcc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path compiler = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("compiler")));
        KraftCli.Result other =
                kraft.with("PATH", tools + ":" + System.getenv("PATH")).run(compiler, "build");
        assertEquals(0, other.exit(), other::toString);
        assertFalse(other.err().contains(REUSED), other::toString);
    }

    private static void edit(Path file, String text, String replacement) throws IOException {
        Files.writeString(file, Files.readString(file).replace(text, replacement));
    }

    /** The project builds with make, not from the first project's build, and its kernel prints {@code line}. */
    private void assertBuiltAndBoots(KraftCli kraft, Path project, String line) throws Exception {
        KraftCli.Result built = kraft.run(project, "build");
        assertEquals(0, built.exit(), built::toString);
        assertFalse(built.err().contains(REUSED), built::toString);
        String booted = Qemu.boot(project.resolve(KERNEL), tmp, "").out();
        assertTrue(booted.contains(line), booted);
    }

    /** The serial output from the kernel's banner on: SeaBIOS's lines before it vary with timing. */
    private static String kernelOutput(String serial) {
        int banner = serial.indexOf("Hello from ");
        assertTrue(banner >= 0, serial);
        return serial.substring(banner);
    }

    /** The text files (no zero byte) under {@code tree} that name {@code project}'s directory. */
    private static List<Path> textNaming(Path tree, Path project) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(tree.resolve(".kraft")))
                    .filter(file -> {
                        try {
                            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                            return text.indexOf('\0') < 0 && text.contains(project.toString());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
