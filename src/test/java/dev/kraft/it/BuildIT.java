package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kraft build end to end: the launcher, Unikraft-style make, Kconfig, and QEMU booting the result. */
class BuildIT {
    @TempDir
    Path tmp;

    private KraftCli kraft() throws IOException {
        return new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    @Test
    void buildsTheOfflineExampleAndItBoots() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli.Result build = kraft().run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(build.err().contains("built .unikraft/build/hello_qemu-x86_64"), build::toString);
        assertFalse(build.err().contains("\u001b["), "no escape codes when piped");

        Path kernel = project.resolve(".unikraft/build/hello_qemu-x86_64");
        assertTrue(Files.isRegularFile(kernel));
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/hello_qemu-x86_64.dbg")));
        String config = Files.readString(project.resolve(".config.hello_qemu-x86_64"));
        assertTrue(config.contains("CONFIG_HELLO_GREETING=\"hi from the Kraftfile\""), config);
        assertTrue(config.contains("CONFIG_LIBGREET=y"), config);
        assertFalse(Files.exists(project.resolve("Makefile.uk.tmp")));

        KraftCli.Result boot = Qemu.boot(kernel, tmp, "netdev.ip=none -- one two");
        assertEquals(83, boot.exit(), boot::toString);
        assertTrue(boot.out().contains("Hello from hello"), boot::toString);
        assertTrue(boot.out().contains("greeting: hi from the Kraftfile"), boot::toString);
        assertTrue(boot.out().contains("lib: libgreet"), boot::toString);
        assertTrue(boot.out().contains("lib: apphello"), boot::toString);
        assertTrue(boot.out().contains("arg: two"), boot::toString);

        KraftCli.Result again = kraft().run(project, "build", "--log-level", "debug");
        assertEquals(0, again.exit(), again::toString);
        assertFalse(
                again.err().contains("configuring hello_qemu-x86_64"),
                "an unchanged build does not configure again: " + again);
        assertFalse(again.err().contains(" CC "), "an unchanged build compiles nothing: " + again);
    }

    @Test
    void aChangedKconfigValueConfiguresAgain() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli kraft = kraft();
        assertEquals(0, kraft.run(project, "build").exit());
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("hi from the Kraftfile", "changed greeting"));
        KraftCli.Result again = kraft.run(project, "build");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("configuring hello_qemu-x86_64"), again::toString);
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertTrue(boot.out().contains("greeting: changed greeting"), boot::toString);
    }

    @Test
    void warnsAboutKconfigValuesMakeDidNotKeep() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile).replace("kconfig:\n", "kconfig:\n    CONFIG_NO_SUCH_OPTION: 'y'\n"));
        KraftCli.Result build = kraft().run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(
                build.err().contains("warning: .config.hello_qemu-x86_64: CONFIG_NO_SUCH_OPTION=y was dropped"),
                build::toString);
    }

    @Test
    void compilesEnvironmentAndBuildsEveryTargetWithAll() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile).replace("  - qemu/x86_64\n", "  - qemu/x86_64\n  - fc/x86_64\n"));
        KraftCli kraft = kraft();

        KraftCli.Result ambiguous = kraft.run(project, "build");
        assertEquals(2, ambiguous.exit(), ambiguous::toString);
        assertTrue(
                ambiguous.err().contains("2 targets match: hello (qemu/x86_64), hello (fc/x86_64); choose one with -t"),
                ambiguous::toString);

        KraftCli.Result all = kraft.run(project, "build", "--all");
        assertEquals(0, all.exit(), all::toString);
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/hello_qemu-x86_64")));
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/hello_fc-x86_64")));
    }

    @Test
    void dryRunPrintsThePlanAndRunsNothing() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli.Result plan = kraft().run(project, "build", "--dry-run", "-j", "3");
        assertEquals(0, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("target hello_qemu-x86_64 (qemu/x86_64)"), plan::toString);
        assertTrue(plan.out().contains("CONFIG_HELLO_GREETING=\"hi from the Kraftfile\""), plan::toString);
        assertTrue(
                plan.out()
                        .contains("make -C " + project.resolve("core") + " --no-print-directory O="
                                + project.resolve(".unikraft/build")),
                plan::toString);
        assertTrue(plan.out().contains(" all -j3"), plan::toString);
        assertFalse(Files.exists(project.resolve(".unikraft")), "a dry run writes nothing");
    }

    @Test
    void aFailingMakeSaysWhyInOneLineAndExitsSeven() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Files.writeString(project.resolve("libs/greet/greet.c"), "this is not C;\n", StandardOpenOption.APPEND);
        KraftCli.Result build = kraft().run(project, "build");
        assertEquals(7, build.exit(), build::toString);
        assertTrue(build.err().contains("greet.c"), "the compiler's complaint is shown: " + build);
        assertTrue(
                build.err().strip().endsWith("; full output in " + project.resolve(".unikraft/build/.kraft/build.log")),
                build::toString);
        assertFalse(build.err().contains("\tat "), "no stack trace: " + build);
    }

    /** A host without make: the error names the package that installs it (this host's family, from os-release), not only "make". */
    @Test
    void withoutMakeTheErrorNamesThePackageToInstall() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path bin = Files.createDirectories(tmp.resolve("bin-without-make"));
        for (String tool : List.of("sh", "dirname", "readlink")) {
            Files.createSymbolicLink(
                    bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Path osRelease = Files.writeString(tmp.resolve("os-release"), "NAME=\"Fedora Linux\"\nID=fedora\n");
        KraftCli.Result build = kraft().with("PATH", bin.toString())
                .with(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin/java").toString())
                .with("KRAFT_OS_RELEASE", osRelease.toString())
                .run(project, "build");
        assertEquals(6, build.exit(), build::toString);
        assertTrue(
                build.err()
                        .strip()
                        .endsWith(
                                "error: cannot run make: it is not installed, or not on PATH; install it with dnf install make"),
                build::toString);
    }

    @Test
    void badInputGetsOneLineAndItsOwnExitCode() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli kraft = kraft();

        KraftCli.Result target = kraft.run(project, "build", "-t", "xen/x86_64");
        assertEquals(6, target.exit(), target::toString);
        assertEquals(
                "error: no target matches -t xen/x86_64; the project has: hello (qemu/x86_64)",
                target.err().strip());

        KraftCli.Result flag = kraft.run(project, "build", "--jobz", "2");
        assertEquals(2, flag.exit(), flag::toString);
        assertTrue(flag.err().contains("--jobs"), "suggests the flag meant: " + flag);

        Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\nnmae: hello\n");
        KraftCli.Result field = kraft.run(project, "build");
        assertEquals(5, field.exit(), field::toString);
        assertEquals(
                "error: Kraftfile:2:1: unknown field \"nmae\" (did you mean \"name\"?)",
                field.err().strip());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        KraftCli.Result missing = kraft.run(empty, "build");
        assertEquals(6, missing.exit(), missing::toString);
        assertTrue(missing.err().startsWith("error: no Kraftfile in "), missing::toString);
        assertFalse(Files.exists(project.resolve(".unikraft")), "nothing half-written");
    }

    @Test
    void cleanKeepsTheConfigAndProperRemovesTheBuildDir() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli kraft = kraft();
        assertEquals(0, kraft.run(project, "build").exit());
        KraftCli.Result clean = kraft.run(project, "clean");
        assertEquals(0, clean.exit(), clean::toString);
        assertFalse(Files.exists(project.resolve(".unikraft/build/hello_qemu-x86_64")));
        assertTrue(Files.exists(project.resolve(".config.hello_qemu-x86_64")));
        KraftCli.Result proper = kraft.run(project, "properclean");
        assertEquals(0, proper.exit(), proper::toString);
        assertFalse(Files.exists(project.resolve(".unikraft/build")));
        KraftCli.Result rebuilt = kraft.run(project, "build");
        assertEquals(0, rebuilt.exit(), rebuilt::toString);
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/hello_qemu-x86_64")));
    }

    @Test
    void aCleanRebuildCompilesFromTheCacheAndBootsTheSame() throws Exception {
        KraftCli kraft = kraft();
        Path project = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("cached")));
        Path uncached = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("uncached")));
        KraftCli.Result cold = kraft.run(project, "build");
        assertEquals(0, cold.exit(), cold::toString);
        assertTrue(cold.err().contains("ccache: 0 of "), cold::toString);
        assertEquals(0, kraft.run(project, "clean").exit());
        KraftCli.Result warm = kraft.run(project, "build");
        assertEquals(0, warm.exit(), warm::toString);
        assertTrue(
                warm.err().matches("(?s).*ccache: (\\d+) of \\1 compilations from the cache \\(100%\\).*"),
                warm::toString);
        KraftCli.Result plain = kraft.run(uncached, "build", "--no-ccache");
        assertEquals(0, plain.exit(), plain::toString);
        assertFalse(plain.err().contains("ccache"), plain::toString);

        String cached = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "-- x")
                .out();
        String compiled = Qemu.boot(uncached.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "-- x")
                .out();
        assertEquals(
                kernelOutput(compiled).replace(uncached.toString(), "P"),
                kernelOutput(cached).replace(project.toString(), "P"),
                "a cache hit never changes the kernel");
    }

    @Test
    void aSecondProjectElsewhereCompilesFromTheCacheAndStillRebuildsWhatChanges() throws Exception {
        KraftCli kraft = kraft();
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("first")));
        Path second = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("somewhere/else")));
        Path kernel = second.resolve(".unikraft/build/hello_qemu-x86_64");
        // The core compiles at -g3 and its config.h names each project's paths, as Unikraft's:
        // every object is shared but main.o, whose code now holds the app's path.
        for (Path project : new Path[] {first, second}) {
            Path main = project.resolve("main.c");
            Files.writeString(
                    main,
                    Files.readString(main)
                            .replace(
                                    "uk_pr(\"main: argc=%d\\n\", argc);",
                                    "uk_pr(\"main: argc=%d app=%s\\n\", argc, CONFIG_UK_APP);"));
        }
        assertEquals(0, kraft.run(first, "build").exit());
        KraftCli.Result warm = kraft.run(second, "build");
        assertEquals(0, warm.exit(), warm::toString);
        Matcher rate = Pattern.compile("ccache: (\\d+) of (\\d+) compilations").matcher(warm.err());
        assertTrue(rate.find(), warm::toString);
        assertEquals(Integer.parseInt(rate.group(2)) - 1, Integer.parseInt(rate.group(1)), warm::toString);
        String booted = Qemu.boot(kernel, tmp, "").out();
        assertTrue(booted.contains("greet: Hello, hello!"), booted);
        assertTrue(booted.contains("app=" + second.toRealPath()), booted);

        // Only the dependency files tell make that a header changed, and ccache wrote them: the
        // first change through those of cache hits, the change back through those of misses.
        Path header = second.resolve("libs/greet/include/greet.h");
        String original = Files.readString(header);
        Files.writeString(header, original + "#undef GREET_PUNCT\n#define GREET_PUNCT \"?\"\n");
        assertEquals(0, kraft.run(second, "build").exit());
        String changed = Qemu.boot(kernel, tmp, "").out();
        assertTrue(changed.contains("greet: Hello, hello?"), changed);
        Files.writeString(header, original);
        assertEquals(0, kraft.run(second, "build").exit());
        String restored = Qemu.boot(kernel, tmp, "").out();
        assertTrue(restored.contains("greet: Hello, hello!"), restored);

        Path kraftfile = second.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("hi from the Kraftfile", "hi from elsewhere"));
        KraftCli.Result kconfig = kraft.run(second, "build");
        assertEquals(0, kconfig.exit(), kconfig::toString);
        String configured = Qemu.boot(kernel, tmp, "").out();
        assertTrue(configured.contains("greeting: hi from elsewhere"), configured);
    }

    @Test
    void aSecondProjectHitsWithoutThePreprocessorYetAConfigChangeStillCompiles() throws Exception {
        KraftCli kraft = kraft();
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("one")));
        Path second = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("elsewhere/two")));
        Path stats = second.resolve(".unikraft/build/.kraft/hello_qemu-x86_64.ccache-stats");
        assertEquals(0, kraft.run(first, "build").exit());
        // --no-cache: compiled (through ccache), not the first project's build reused.
        KraftCli.Result warm = kraft.run(second, "build", "--no-cache");
        assertEquals(0, warm.exit(), warm::toString);
        // No source names the path macros, so config.h is keyed without them: every object of
        // the core, the library and the app comes from direct mode.
        Matcher rate = Pattern.compile("ccache: (\\d+) of (\\d+) compilations").matcher(warm.err());
        assertTrue(rate.find(), warm::toString);
        long direct = Files.readAllLines(stats).stream()
                .filter("direct_cache_hit"::equals)
                .count();
        assertEquals(Long.parseLong(rate.group(2)), direct, () -> warm + "\n" + readString(stats));

        Path kraftfile = second.resolve("Kraftfile");
        Files.writeString(kraftfile, Files.readString(kraftfile).replace("hi from the Kraftfile", "hi from two"));
        KraftCli.Result changed = kraft.run(second, "build");
        assertEquals(0, changed.exit(), changed::toString);
        assertTrue(
                Files.readAllLines(stats).contains("cache_miss"),
                () -> "a changed value compiles again\n" + readString(stats));
        String booted = Qemu.boot(second.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "")
                .out();
        assertTrue(booted.contains("greeting: hi from two"), booted);
    }

    /** The serial output from the kernel's banner on: SeaBIOS's lines before it vary with timing ("Booting from ROM.." gains dots). */
    private static String kernelOutput(String serial) {
        int banner = serial.indexOf("Hello from ");
        assertTrue(banner >= 0, serial);
        return serial.substring(banner);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void upstreamArchivesAreDownloadedOnceForEveryProject() throws Exception {
        Path first = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("first")));
        Path second = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve("second")));
        for (Path project : List.of(first, second)) {
            Path kraftfile = project.resolve("Kraftfile");
            Files.writeString(
                    kraftfile,
                    Files.readString(kraftfile)
                            .replace("libraries:\n", "libraries:\n  fetchdemo:\n    source: ./libs/fetchdemo\n"));
        }
        Path archive = tmp.resolve("fetchdemo-1.0.tar.gz");
        Process tar = new ProcessBuilder(
                        "tar",
                        "-czf",
                        archive.toString(),
                        "-C",
                        first.resolve("libs/fetchdemo/upstream").toString(),
                        "fetchdemo-1.0")
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());

        KraftCli.Result download =
                kraft().with("LIBFETCHDEMO_URL", archive.toUri().toString()).run(first, "build");
        assertEquals(0, download.exit(), download::toString);
        assertTrue(download.err().contains("kept 1 upstream archive(s) in the cache"), download::toString);

        KraftCli.Result offline = kraft().run(second, "build");
        assertEquals(0, offline.exit(), "the archive's URL does not resolve: only the cache can serve it: " + offline);
        assertTrue(offline.err().contains("placed 1 upstream archive(s) from the cache"), offline::toString);
        KraftCli.Result boot = Qemu.boot(second.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertTrue(boot.out().contains("lib: libfetchdemo"), boot::toString);
    }

    /** Offline, make's fetch fails in tar; kraft names the archive, its URL and the command that supplies it, which works. */
    @Test
    void anArchiveThatCannotBeDownloadedIsNamedAndCanBeAddedByHand() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("libraries:\n", "libraries:\n  fetchdemo:\n    source: ./libs/fetchdemo\n"));
        KraftCli.Result offline = kraft().run(project, "build");
        assertEquals(8, offline.exit(), offline::toString);
        assertTrue(
                offline.err()
                        .contains("libfetchdemo: make could not download its upstream archive fetchdemo-1.0.tar.gz"
                                + " from https://fetchdemo.invalid/fetchdemo-1.0.tar.gz"),
                offline::toString);
        assertTrue(
                offline.err().contains("kraft pkg add-archive libfetchdemo PATH/fetchdemo-1.0.tar.gz"),
                offline::toString);

        Path archive = Files.createDirectories(tmp.resolve("downloads")).resolve("fetchdemo-1.0.tar.gz");
        Process tar = new ProcessBuilder(
                        "tar",
                        "-czf",
                        archive.toString(),
                        "-C",
                        project.resolve("libs/fetchdemo/upstream").toString(),
                        "fetchdemo-1.0")
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        KraftCli.Result add = kraft().run(tmp, "pkg", "add-archive", "libfetchdemo", "downloads/fetchdemo-1.0.tar.gz");
        assertEquals(0, add.exit(), add::toString);
        // The Kraftfile's name for the library means the same build directory.
        KraftCli.Result again = kraft().run(tmp, "pkg", "add-archive", "fetchdemo", "downloads/fetchdemo-1.0.tar.gz");
        assertTrue(again.err().contains("already cached: libfetchdemo/fetchdemo-1.0.tar.gz"), again::toString);
        KraftCli.Result missing = kraft().run(tmp, "pkg", "add-archive", "libfetchdemo", "downloads/nothing.tar.gz");
        assertEquals(6, missing.exit(), missing::toString);

        KraftCli.Result build = kraft().run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(build.err().contains("placed 1 upstream archive(s) from the cache"), build::toString);
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertTrue(boot.out().contains("lib: libfetchdemo"), boot::toString);
    }

    @Test
    void menuRefusesToRunWithoutATerminal() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli.Result menu = kraft().run(project, "menu");
        assertEquals(2, menu.exit(), menu::toString);
        assertTrue(menu.err().contains("kraft menu needs a terminal"), menu::toString);
    }
}
