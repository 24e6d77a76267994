package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kraft build --trim-musl} on the test core with its stand-in lib-musl (libs/musl: the
 * same layout, a weak dummy that a strong definition replaces, printf needing math, a weak
 * stand-in of the core that musl replaces): the kernel
 * prints what the untrimmed one prints, fewer sources compile, and a program that needs another
 * sub-library (a thread, printf("%f")) still links and runs.
 */
class MuslTrimIT {
    private static final Path APPS = Path.of("src/test/resources/musl").toAbsolutePath();
    private static final Pattern TRIMMED = Pattern.compile("libmusl trimmed compiled=(\\d+) available=(\\d+) .*");
    private static final String KRAFTFILE = """
            spec: v0.6

            name: hello

            unikraft:
              source: ./core

            libraries:
              musl:
                source: ./libs/musl

            targets:
              - qemu/x86_64
            """;

    @TempDir
    Path tmp;

    @Test
    void trimmedKernelPrintsWhatTheFullOnePrintsAndGrowsWhenTheAppNeedsMore() throws Exception {
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        Path full = project("full", "hello.c");
        KraftCli.Result fullBuild = kraft.run(full, "build");
        assertEquals(0, fullBuild.exit(), fullBuild::toString);
        String fullOutput = boot(full);
        assertTrue(fullOutput.contains("Hello world!\nmain has 1 argument(s)\npid 1\nstdio: flushed\n"), fullOutput);

        Path trimmed = project("trimmed", "hello.c");
        KraftCli.Result trimmedBuild = kraft.run(trimmed, "build", "--trim-musl");
        assertEquals(0, trimmedBuild.exit(), trimmedBuild::toString);
        Matcher counts = TRIMMED.matcher(line(trimmedBuild.err(), "libmusl trimmed"));
        assertTrue(counts.matches(), trimmedBuild::toString);
        int compiled = Integer.parseInt(counts.group(1));
        int available = Integer.parseInt(counts.group(2));
        assertEquals(objects(full), available, "the full build compiles every source the trimmed one counts");
        assertEquals(objects(trimmed), compiled, "only the sources counted compiled");
        assertTrue(compiled * 2 <= available, "at most half of the sources: " + trimmedBuild.err());
        assertTrue(trimmedBuild.err().contains(" thread=0/4"), trimmedBuild::toString);
        assertEquals(fullOutput, boot(trimmed));

        KraftCli.Result again = kraft.run(trimmed, "build", "--trim-musl");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("nothing changed since the last build"), again::toString);

        // An app that needs more: config.yaml turns trimming on, JSON output carries the counts.
        Files.copy(APPS.resolve("more.c"), trimmed.resolve("main.c"), StandardCopyOption.REPLACE_EXISTING);
        Path config = Files.createDirectories(kraft.home().resolve(".config/kraftkit"))
                .resolve("config.yaml");
        Files.writeString(config, "trim_musl: true\n");
        KraftCli.Result more = kraft.run(trimmed, "build", "--log-type", "json");
        assertEquals(0, more.exit(), more::toString);
        String json = line(more.err(), "\"msg\":\"libmusl trimmed\"");
        assertTrue(json.contains("\"thread\":\"2/4\""), json);
        assertTrue(json.contains("\"math\":\"2/6\""), json);
        String moreOutput = boot(trimmed);
        assertTrue(moreOutput.contains("Hello world!\nhalf of 7.250000 is 3.625000\nmain returned 0\n"), moreOutput);

        KraftCli.Result off = kraft.run(trimmed, "build", "--no-trim-musl");
        assertEquals(0, off.exit(), off::toString);
        assertEquals(objects(full), objects(trimmed), "--no-trim-musl builds every source");
        assertEquals(moreOutput, boot(trimmed));
    }

    private Path project(String name, String app) throws IOException {
        Path project = Projects.copyHelloLocal(tmp.resolve(name));
        Files.writeString(project.resolve("Kraftfile"), KRAFTFILE);
        Files.copy(APPS.resolve(app), project.resolve("main.c"), StandardCopyOption.REPLACE_EXISTING);
        return project;
    }

    /** What the kernel prints from its first library line on, its own path (on its command line) made the same. */
    private String boot(Path project) throws Exception {
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        String out = boot.out().replace("\r\n", "\n");
        int from = out.indexOf("lib: ");
        assertTrue(from >= 0, boot::toString);
        return out.substring(from).replace(project.toString(), "<project>");
    }

    /** The musl objects the build compiled (each library also compiles its libreg.o). */
    private static long objects(Path project) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve(".unikraft/build/libmusl"))) {
            return files.filter(f -> f.toString().endsWith(".o"))
                    .filter(f -> !f.getFileName().toString().equals("libreg.o"))
                    .count();
        }
    }

    private static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst().orElse("");
    }
}
