package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kraft run and the machine commands end to end, with QEMU under TCG (-W) for speed and determinism. */
class RunIT {
    @TempDir
    static Path shared;

    static Path hello;
    static Path forever;
    static Path crash;

    @TempDir
    Path tmp;

    KraftCli kraft;

    @BeforeAll
    static void buildKernels() throws Exception {
        KraftCli builder = new KraftCli(Files.createDirectories(shared.resolve("home")));
        hello = Projects.copyHelloLocal(Files.createDirectories(shared.resolve("hello")));
        forever = Projects.helloLocalWith(Files.createDirectories(shared.resolve("forever")), Projects.RUN_FOREVER);
        crash = Projects.helloLocalWith(
                Files.createDirectories(shared.resolve("crash")), "CONFIG_HELLO_EXIT_CRASH: 'y'");
        for (Path project : List.of(hello, forever, crash)) {
            KraftCli.Result build = builder.run(project, "build");
            assertEquals(0, build.exit(), build::toString);
        }
    }

    @BeforeEach
    void home() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void removeMachines() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
    }

    @Test
    void runsAttachedAndPassesArgumentsThrough() throws Exception {
        KraftCli.Result run = kraft.run(
                hello, "run", "-W", "--rm", "-a", "loglevel=3", "-e", "GREETING=hi there", "--", "one", "two");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(
                run.out().startsWith("\nHello from hello") || run.out().startsWith("Hello from hello"),
                "no BIOS preamble: " + run);
        assertTrue(run.out().contains("lib: libgreet"), run::toString);
        assertTrue(run.out().contains(" loglevel=3 env.vars=[ \"GREETING=hi there\" ] -- one two"), run::toString);
        assertTrue(run.out().contains("arg: two"), run::toString);
        assertEquals("", kraft.run(tmp, "ps", "-aq").out(), "--rm removed the machine");
    }

    @Test
    void aCrashingGuestFailsTheRun() throws Exception {
        KraftCli.Result run = kraft.run(crash, "run", "-W");
        assertEquals(9, run.exit(), run::toString);
        assertTrue(run.err().contains("the guest crashed"), run::toString);
        KraftCli.Result ps = kraft.run(tmp, "ps", "-a");
        assertTrue(ps.out().contains("Exited (42)"), ps::toString);
    }

    @Test
    void detachedMachineWithPortsLivesUntilStoppedAndRemoved() throws Exception {
        int first = Ports.free();
        int second = Ports.free();
        KraftCli.Result run = kraft.run(
                forever, "run", "-W", "-d", "--name", "web", "-p", "127.0.0.1:" + first + ":80", "-p", second + ":81");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("web", run.out().strip());

        KraftCli.Result ps = kraft.run(tmp, "ps");
        assertTrue(ps.out().contains("web") && ps.out().contains("Up "), ps::toString);
        assertTrue(ps.out().contains("127.0.0.1:" + first + "->80/tcp, 0.0.0.0:" + second + "->81/tcp"), ps::toString);
        try (Socket one = new Socket("127.0.0.1", first);
                Socket two = new Socket("127.0.0.1", second)) {
            assertTrue(one.isConnected() && two.isConnected(), "QEMU listens on both published ports");
        }

        KraftCli.Result taken = kraft.run(forever, "run", "-W", "-d", "-p", first + ":80");
        assertEquals(3, taken.exit(), taken::toString);
        assertTrue(taken.err().contains("port " + first + " is already published by machine web"), taken::toString);

        assertTrue(kraft.waitForLog(tmp, "web", "running forever"), "the console shows the banner");
        KraftCli.Result logs = kraft.run(tmp, "logs", "web");
        assertTrue(logs.out().contains("Hello from hello"), logs::toString);

        assertEquals(0, kraft.run(tmp, "stop", "web").exit());
        KraftCli.Result stopped = kraft.run(tmp, "ps", "-a");
        assertTrue(
                stopped.out().contains("Stopped") && !stopped.out().contains("Exited"),
                "a stopped machine is not an exited guest: " + stopped);
        assertEquals(0, kraft.run(tmp, "stop", "web").exit(), "stop is idempotent");
        Path state = kraft.home().resolve(".local/share/kraftkit/runtime/machines");
        assertEquals(0, kraft.run(tmp, "rm", "web").exit());
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
        try (var dirs = Files.list(state)) {
            assertEquals(List.of(), dirs.filter(Files::isDirectory).toList(), "state dir, sockets and log are gone");
        }
    }

    @Test
    void aQemuKilledFromOutsideShowsAsExited() throws Exception {
        assertEquals(
                0, kraft.run(forever, "run", "-W", "-d", "--name", "victim").exit());
        KraftCli.Result ps = kraft.run(tmp, "ps", "-o", "json");
        Matcher m = Pattern.compile("\"pid\" : (\\d+)").matcher(ps.out());
        assertTrue(m.find(), ps::toString);
        ProcessHandle qemu = ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow();
        assertTrue(qemu.destroyForcibly());
        qemu.onExit().get(10, TimeUnit.SECONDS);
        KraftCli.Result after = kraft.run(tmp, "ps", "-a");
        assertTrue(after.out().contains("victim") && after.out().contains("Exited"), after::toString);
        assertEquals(0, kraft.run(tmp, "rm", "victim").exit());
    }

    @Test
    void ctrlCStopsTheAttachedMachineAndExits130() throws Exception {
        Process run = kraft.start(forever, "run", "-W", "--name", "interrupted");
        assertTrue(kraft.waitForLog(tmp, "interrupted", "running forever"), "the machine booted");
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(130, run.exitValue());
        KraftCli.Result ps = kraft.run(tmp, "ps", "-a");
        assertTrue(ps.out().lines().anyMatch(l -> l.startsWith("interrupted") && l.contains("Stopped")), ps::toString);
    }

    @Test
    void pauseAndStartAgain() throws Exception {
        assertEquals(
                0, kraft.run(forever, "run", "-W", "-d", "--name", "sleepy").exit());
        assertEquals(0, kraft.run(tmp, "pause", "sleepy").exit());
        assertTrue(kraft.run(tmp, "ps").out().contains("(Paused)"));
        assertEquals(0, kraft.run(tmp, "start", "-d", "sleepy").exit());
        assertTrue(kraft.run(tmp, "ps").out().contains("Up "));
        assertEquals(0, kraft.run(tmp, "stop", "sleepy").exit());
        assertEquals(0, kraft.run(tmp, "start", "-d", "sleepy").exit(), "an exited machine starts again");
        assertTrue(kraft.run(tmp, "ps").out().contains("Up "));
    }

    @Test
    void fiveConcurrentRunsMakeFiveMachines() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<KraftCli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(pool.submit(() -> kraft.run(forever, "run", "-W", "-d")));
        }
        List<String> names = new ArrayList<>();
        for (Future<KraftCli.Result> run : runs) {
            KraftCli.Result result = run.get();
            assertEquals(0, result.exit(), result::toString);
            names.add(result.out().strip());
        }
        pool.shutdown();
        assertEquals(5, names.stream().distinct().count(), names::toString);
        List<String> listed = kraft.run(tmp, "ps", "--format", "{{.Name}}")
                .out()
                .lines()
                .sorted()
                .toList();
        assertEquals(names.stream().sorted().toList(), listed);
    }

    @Test
    void badInputIsRefusedBeforeAnyMachineStarts() throws Exception {
        assertEquals(0, kraft.run(forever, "run", "-W", "-d", "--name", "taken").exit());
        expect(6, "no machine named nope", "logs", "nope");
        expect(
                2,
                "--name taken: a machine with this name exists",
                "run",
                "-W",
                "-d",
                "--name",
                "taken",
                forever.toString());
        expect(
                2,
                "--memory 12parsecs: expected a size such as 64Mi",
                "run",
                "-W",
                "-M",
                "12parsecs",
                forever.toString());
        expect(
                2,
                "-p 70000:1: port \"70000\" must be a number from 1 to 65535",
                "run",
                "-W",
                "-p",
                "70000:1",
                forever.toString());
        expect(
                6,
                "host directory " + tmp.resolve("missing") + " does not exist",
                "run",
                "-W",
                "-v",
                tmp.resolve("missing") + ":/data",
                forever.toString());
        expect(2, "--name a,b: use letters, digits", "run", "-W", "--name", "a,b", forever.toString());
        KraftCli noQemu = new KraftCli(kraft.home())
                .with("PATH", pathWithout("qemu-system-x86_64").toString());
        KraftCli.Result missing = noQemu.run(forever, "run", "-W");
        assertEquals(127, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("qemu-system-x86_64 not found on PATH"), missing::toString);
        assertEquals(
                List.of("taken"),
                kraft.run(tmp, "ps", "-a", "--format", "{{.Name}}")
                        .out()
                        .lines()
                        .toList(),
                "no machine left behind");
    }

    @Test
    void aVolumePathWithACommaReachesQemuIntact() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("a,b"));
        KraftCli.Result run = kraft.run(hello, "run", "-W", "--rm", "-v", shared + ":/data");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" ]"), run::toString);
    }

    @Test
    void theKraftfilesVolumesComeBeforeTheFlagsAndAMissingOneIsNamed() throws Exception {
        Path copy = Files.writeString(
                hello.resolve("Kraftfile.volumes"),
                Files.readString(hello.resolve("Kraftfile"))
                        + "volumes:\n  - ./shared-data:/data\n  - source: ./shared-config\n    destination: /etc/app\n    readOnly: true\n");
        try {
            KraftCli.Result missing = kraft.run(hello, "run", "-W", "--rm", "-K", copy.toString());
            assertEquals(6, missing.exit(), missing::toString);
            UntrustedSourcesIT.assertOneError(
                    missing,
                    "error: Kraftfile.volumes: volume ./shared-data:/data: host directory "
                            + hello.resolve("shared-data") + " does not exist");
            Files.createDirectories(hello.resolve("shared-data"));
            Files.createDirectories(hello.resolve("shared-config"));
            KraftCli.Result run = kraft.run(hello, "run", "-W", "--rm", "-K", copy.toString(), "-v", tmp + ":/more");
            assertEquals(0, run.exit(), run::toString);
            assertTrue(
                    run.out()
                            .contains(
                                    "vfs.fstab=[ \"fs0:/data:9pfs:::mkmp\" \"fs1:/etc/app:9pfs:::mkmp\" \"fs2:/more:9pfs:::mkmp\" ]"),
                    run::toString);
        } finally {
            Files.delete(copy);
        }
    }

    @Test
    void warnsBeforeBootingAKernelThatNeedsRdseedUnderOldTcg() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        assertEquals(0, kraft.run(project, "build").exit());
        Path config = project.resolve(".config.hello_qemu-x86_64");
        Files.writeString(
                config, Files.readString(config) + "CONFIG_UK_FULLVERSION=\"0.17.0~484ff20\"\nCONFIG_LIBUKRANDOM=y\n");
        KraftCli.Result run = kraft.run(project, "run", "-W", "--rm");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().contains("needs RDSEED, which QEMU 7.2"), "Debian 12's QEMU is 7.2: " + run);
    }

    @Test
    void saysToBuildFirst() throws Exception {
        Path unbuilt = Projects.copyHelloLocal(tmp);
        KraftCli.Result run = kraft.run(unbuilt, "run");
        assertEquals(3, run.exit(), run::toString);
        assertEquals(
                "error: no kernel for target hello_qemu-x86_64 at .unikraft/build/hello_qemu-x86_64; run `kraft build` first",
                run.err().strip());
    }

    private void expect(int code, String message, String... args) throws Exception {
        KraftCli.Result result = kraft.run(tmp, args);
        assertEquals(code, result.exit(), result::toString);
        assertTrue(result.err().contains(message), result::toString);
        assertFalse(result.err().contains("\tat "), result::toString);
    }

    /** A PATH with what bin/kraft needs, and no QEMU. */
    private Path pathWithout(String missing) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("sh", "dirname", "readlink", "java", "setsid")) {
            Path real = Path.of("/usr/bin", tool).toRealPath();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        assertFalse(Files.exists(bin.resolve(missing)));
        return bin;
    }
}
