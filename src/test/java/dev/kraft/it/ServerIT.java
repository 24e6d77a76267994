package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kraft build through the build server (kraft server start): the same kernel, output, errors and
 * exit codes as a direct run; the caller's environment reaches make; Ctrl-C stops make; a changed
 * jar makes the launcher run directly and the server exit. Each test runs its own copy of the
 * launcher and jar, so touching the jar never touches target/kraft.jar, and stops the server it
 * started.
 */
class ServerIT {
    @TempDir
    Path tmp;

    private Path jar;
    private KraftCli kraft;
    private Path project;
    private Path makeRuns;

    /**
     * A copy of bin/kraft and the jar (its libraries linked), a scratch HOME, the test core, and
     * a make first on PATH that records each run with the caller's MARK, then runs the real make
     * (or, with HANG_MAKE set, records its pid and a child's and waits as a long build would).
     */
    @BeforeEach
    void world() throws Exception {
        Path install = Files.createDirectories(tmp.resolve("install"));
        Files.createDirectories(install.resolve("bin"));
        Files.createDirectories(install.resolve("target"));
        Files.copy(KraftCli.LAUNCHER, install.resolve("bin/kraft"));
        jar = Files.copy(Path.of("target/kraft.jar").toAbsolutePath(), install.resolve("target/kraft.jar"));
        Files.createSymbolicLink(
                install.resolve("target/lib"), Path.of("target/lib").toAbsolutePath());

        Path wrappers = Files.createDirectories(tmp.resolve("wrappers"));
        makeRuns = tmp.resolve("make-runs");
        String realMake = find("make");
        Files.writeString(
                wrappers.resolve("make"),
                "#!/bin/sh\n"
                        + "echo \"ran with MARK=$MARK\" >> '" + makeRuns + "'\n"
                        + "if [ -n \"${HANG_MAKE:-}\" ]; then\n"
                        + "  sleep 300 &\n"
                        + "  echo \"$$ $!\" > \"$HANG_MAKE.tmp\" && mv \"$HANG_MAKE.tmp\" \"$HANG_MAKE\"\n"
                        + "  wait\n"
                        + "fi\n"
                        + "exec '" + realMake + "' \"$@\"\n");
        assertTrue(wrappers.resolve("make").toFile().setExecutable(true));

        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")))
                .launcher(install.resolve("bin/kraft"))
                .with("PATH", wrappers + ":" + System.getenv("PATH"))
                .with("MARK", "from-the-caller");
        project = Projects.copyHelloLocal(tmp);
    }

    @AfterEach
    void stopTheServer() throws Exception {
        KraftCli.Result stopped = kraft.run(tmp, "server", "stop");
        assertEquals(0, stopped.exit(), stopped::toString);
    }

    private static String find(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " not on PATH");
    }

    private long startServer() throws Exception {
        KraftCli.Result started = kraft.run(tmp, "server", "start", "--idle", "10m");
        assertEquals(0, started.exit(), started::toString);
        KraftCli.Result status = kraft.run(tmp, "server", "status");
        assertEquals(0, status.exit(), status::toString);
        assertTrue(status.out().startsWith("running: pid "), status::toString);
        return Long.parseLong(status.out().split(" ")[2].replace(",", ""));
    }

    private List<String> makeRuns() throws IOException {
        return Files.exists(makeRuns) ? Files.readAllLines(makeRuns) : List.of();
    }

    @Test
    void buildsAsADirectRunWouldAndTheKernelBoots() throws Exception {
        long server = startServer();

        KraftCli.Result first = kraft.run(project, "build", "--log-level", "debug");
        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.err().contains("served by the build server (pid " + server + ")"), first::toString);
        assertTrue(first.err().contains("built .unikraft/build/hello_qemu-x86_64"), first::toString);
        assertFalse(makeRuns().isEmpty(), "make on the caller's PATH ran");
        assertTrue(
                makeRuns().stream().allMatch(run -> run.equals("ran with MARK=from-the-caller")), makeRuns()::toString);
        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertTrue(boot.out().contains("Hello from hello"), boot::toString);

        // A no-op, served and direct: the same exit, the same output on each stream (timings aside).
        KraftCli.Result served = kraft.run(project, "build");
        KraftCli.Result direct = kraft.with("KRAFT_NO_SERVER", "1").run(project, "build");
        kraft.with("KRAFT_NO_SERVER", "");
        assertEquals(0, served.exit(), served::toString);
        assertEquals(direct.exit(), served.exit());
        assertEquals(direct.out(), served.out());
        assertEquals(direct.err().replaceAll("ms=\\d+", "ms=N"), served.err().replaceAll("ms=\\d+", "ms=N"));

        // A touched source is compiled again, through the server.
        Path kernel = project.resolve(".unikraft/build/hello_qemu-x86_64");
        FileTime before = Files.getLastModifiedTime(kernel);
        Files.setLastModifiedTime(project.resolve("main.c"), FileTime.fromMillis(System.currentTimeMillis() + 2000));
        KraftCli.Result touched = kraft.run(project, "build", "--log-level", "debug");
        assertEquals(0, touched.exit(), touched::toString);
        assertTrue(touched.err().contains("served by the build server"), touched::toString);
        assertTrue(touched.err().contains("main.o"), touched::toString);
        assertFalse(Files.getLastModifiedTime(kernel).equals(before), "the kernel was linked again");

        // Results on stdout, messages on stderr, as directly.
        KraftCli.Result help = kraft.run(project, "build", "--help");
        assertEquals(0, help.exit(), help::toString);
        assertTrue(help.out().contains("Usage: kraft build"), help::toString);
        assertEquals("", help.err());

        KraftCli.Result status = kraft.run(tmp, "server", "status");
        assertTrue(status.out().contains(", 4 builds served, jar "), status::toString);
    }

    @Test
    void aFailingBuildFailsAlikeThroughTheServer() throws Exception {
        startServer();
        Files.writeString(project.resolve("Kraftfile"), "spec: v0.6\nname: hello\ntargets: [qemu/x86_64\n");
        KraftCli.Result served = kraft.run(project, "build", "--log-level", "debug");
        assertTrue(served.err().contains("served by the build server"), served::toString);
        served = kraft.run(project, "build");
        KraftCli.Result direct = kraft.with("KRAFT_NO_SERVER", "1").run(project, "build");
        assertEquals(5, direct.exit(), direct::toString);
        assertEquals(direct.exit(), served.exit());
        assertEquals(direct.err(), served.err());
        assertEquals(1, served.err().lines().count(), served::toString);
    }

    @Test
    void ctrlCStopsMakeAndExits130() throws Exception {
        startServer();
        Path hung = tmp.resolve("make-hangs");
        Process build = kraft.with("HANG_MAKE", hung.toString()).start(project, "build");
        try {
            waitFor(() -> Files.exists(hung), Duration.ofSeconds(120), "make starts");
            List<Long> make = List.of(Files.readString(hung).strip().split(" ")).stream()
                    .map(Long::parseLong)
                    .toList();
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-INT", String.valueOf(build.pid()))
                            .start()
                            .waitFor());
            assertTrue(build.waitFor(20, TimeUnit.SECONDS), "the launcher exits");
            assertEquals(130, build.exitValue());
            for (long pid : make) {
                waitFor(
                        () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
                        Duration.ofSeconds(10),
                        "make's process " + pid + " stops");
            }
        } finally {
            build.destroyForcibly();
        }
        kraft.with("HANG_MAKE", "");
        KraftCli.Result after = kraft.run(project, "build", "--log-level", "debug");
        assertEquals(0, after.exit(), after::toString);
        assertTrue(after.err().contains("served by the build server"), "the server serves again: " + after);
    }

    @Test
    void aServerThatDiesMidBuildIsReported() throws Exception {
        long server = startServer();
        Path hung = tmp.resolve("make-hangs");
        KraftCli hanging = kraft.with("HANG_MAKE", hung.toString());
        Process kill = null;
        try {
            kill = new ProcessBuilder(
                            "sh",
                            "-c",
                            "while [ ! -e \"$0\" ]; do sleep 0.05; done; kill -KILL \"$1\"; read make sleep < \"$0\";"
                                    + " kill \"$make\" \"$sleep\"",
                            hung.toString(),
                            String.valueOf(server))
                    .start();
            KraftCli.Result build = hanging.run(project, "build");
            assertEquals(12, build.exit(), build::toString);
            assertTrue(
                    build.err()
                            .contains("kraft: the build server (pid " + server + ") stopped before the build finished"),
                    build::toString);
        } finally {
            if (kill != null) {
                assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
            }
            kraft.with("HANG_MAKE", "");
        }
    }

    @Test
    void aChangedJarRunsDirectlyAndTheServerExits() throws Exception {
        long server = startServer();
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        KraftCli.Result build = kraft.run(project, "build", "--log-level", "debug");
        assertEquals(0, build.exit(), build::toString);
        assertFalse(build.err().contains("served by the build server"), build::toString);
        Optional<ProcessHandle> process = ProcessHandle.of(server);
        if (process.isPresent()) {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        }
        KraftCli.Result status = kraft.run(tmp, "server", "status");
        assertEquals(3, status.exit(), status::toString);
        assertEquals("not running\n", status.out());
    }

    @Test
    void stopStopsIt() throws Exception {
        long server = startServer();
        KraftCli.Result stopped = kraft.run(tmp, "server", "stop");
        assertEquals(0, stopped.exit(), stopped::toString);
        assertTrue(stopped.err().contains("build server stopped (pid " + server + ")"), stopped::toString);
        assertFalse(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false));
        KraftCli.Result direct = kraft.run(project, "build", "--log-level", "debug");
        assertEquals(0, direct.exit(), direct::toString);
        assertFalse(direct.err().contains("served by the build server"), direct::toString);
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
