package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Firecracker and Xen drivers end to end through bin/kraft. Neither hypervisor runs on our
 * machines (no KVM for Firecracker, no Xen for xl), so stubs of {@code firecracker} and
 * {@code xl} (src/test/resources/stubs) come first on PATH and record what kraft asked of them.
 */
class DriversIT {
    private static final Path STUBS = Path.of("src/test/resources/stubs").toAbsolutePath();

    @TempDir
    static Path shared;

    static Path project;
    /** The test core builds no Xen kernels, so Xen boots the Firecracker one, named as a file. */
    static Path kernel;

    static Path bin;

    @TempDir
    Path tmp;

    KraftCli kraft;
    Path fcRecord;
    Path xlRecord;

    @BeforeAll
    static void buildAndInstallStubs() throws Exception {
        project = Projects.copyHelloLocal(Files.createDirectories(shared.resolve("hello")));
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile, Files.readString(kraftfile).replace("  - qemu/x86_64\n", "  - fc/x86_64\n  - xen/x86_64\n"));
        KraftCli.Result build =
                new KraftCli(Files.createDirectories(shared.resolve("home"))).run(project, "build", "--plat", "fc");
        assertEquals(0, build.exit(), build::toString);
        kernel = project.resolve(".unikraft/build/hello_fc-x86_64");
        assertTrue(Files.isRegularFile(kernel), build::toString);
        bin = Files.createDirectories(shared.resolve("bin"));
        for (String stub : List.of("firecracker", "xl")) {
            Files.copy(STUBS.resolve(stub), bin.resolve(stub));
            assertTrue(bin.resolve(stub).toFile().setExecutable(true));
        }
    }

    @BeforeEach
    void home() throws IOException {
        fcRecord = tmp.resolve("firecracker.record");
        xlRecord = tmp.resolve("xl.record");
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")))
                .with("PATH", bin + File.pathSeparator + System.getenv("PATH"))
                .with("FC_STUB_RECORD", fcRecord.toString())
                .with("XL_STUB_RECORD", xlRecord.toString());
    }

    @AfterEach
    void removeMachines() throws Exception {
        kraft.with("XL_STUB_SHUTDOWN", "").run(tmp, "rm", "-f", "--all");
    }

    @Test
    void firecrackerIsConfiguredOverItsApiPausedAndStopped() throws Exception {
        KraftCli.Result run = kraft.run(
                project,
                "run",
                "-d",
                "--plat",
                "fc",
                "--name",
                "fc_one",
                "-M",
                "128Mi",
                "-a",
                "loglevel=3",
                "-e",
                "GREETING=hi",
                "--",
                "one",
                "two");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("fc_one", run.out().strip());

        List<String> calls = Files.readAllLines(fcRecord);
        Matcher argv = Pattern.compile(
                        "PID (\\d+) ARGV --api-sock (\\S+)/firecracker\\.sock --id fc-one --log-path \\2/firecracker\\.log")
                .matcher(calls.get(0));
        assertTrue(argv.matches(), "Firecracker's id allows no underscore: " + calls);
        long pid = Long.parseLong(argv.group(1));
        assertEquals(
                List.of(
                        "PUT /machine-config {\"vcpu_count\":1,\"mem_size_mib\":128}",
                        "PUT /boot-source {\"kernel_image_path\":\"" + kernel
                                + "\",\"boot_args\":\"hello_fc-x86_64 loglevel=3"
                                + " env.vars=[ \\\"GREETING=hi\\\" ] -- one two\"}",
                        "PUT /actions {\"action_type\":\"InstanceStart\"}"),
                calls.subList(1, calls.size()));

        assertTrue(
                kraft.waitForLog(tmp, "fc_one", "fake firecracker guest console"),
                "Firecracker's stdout is the console log");
        KraftCli.Result ps = kraft.run(tmp, "ps");
        assertTrue(
                ps.out().contains("fc_one")
                        && ps.out().contains("Up ")
                        && ps.out().contains("fc/x86_64"),
                ps::toString);

        assertEquals(0, kraft.run(tmp, "pause", "fc_one").exit());
        assertTrue(kraft.run(tmp, "ps").out().contains("(Paused)"));
        assertEquals(0, kraft.run(tmp, "start", "-d", "fc_one").exit());
        List<String> all = Files.readAllLines(fcRecord);
        assertEquals(
                List.of("PATCH /vm {\"state\":\"Paused\"}", "PATCH /vm {\"state\":\"Resumed\"}"),
                all.subList(all.size() - 2, all.size()));

        assertEquals(0, kraft.run(tmp, "stop", "fc_one").exit());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "SIGTERM ended firecracker");
        assertTrue(kraft.run(tmp, "ps", "-a").out().contains("Stopped"));
        assertEquals(0, kraft.run(tmp, "rm", "fc_one").exit());
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
        try (var dirs = Files.list(Path.of(argv.group(2)).getParent())) {
            assertEquals(List.of(), dirs.filter(Files::isDirectory).toList(), "state dir, socket and logs are gone");
        }
    }

    @Test
    void firecrackerRefusesPortsAndVolumesBeforeStarting() throws Exception {
        KraftCli.Result ports = kraft.run(project, "run", "-d", "--plat", "fc", "-p", "8080:80");
        assertEquals(2, ports.exit(), ports::toString);
        assertTrue(
                ports.err().contains("-p 0.0.0.0:8080:80/tcp: Firecracker cannot publish ports")
                        && ports.err().contains("kraft network"),
                ports::toString);
        KraftCli.Result volumes = kraft.run(project, "run", "-d", "--plat", "fc", "-v", tmp + ":/data");
        assertEquals(2, volumes.exit(), volumes::toString);
        assertTrue(
                volumes.err().contains("-v " + tmp + ":/data: Firecracker cannot share host directories"),
                volumes::toString);
        assertFalse(Files.exists(fcRecord), "firecracker never started");
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
    }

    @Test
    void aRequestFirecrackerRefusesFailsTheRunAndLeavesNothingRunning() throws Exception {
        KraftCli.Result run = kraft.with("FC_STUB_FAIL", "/boot-source").run(project, "run", "-d", "--plat", "fc");
        assertEquals(125, run.exit(), run::toString);
        assertTrue(
                run.err().contains("Firecracker refused PUT /boot-source (400): stub refuses /boot-source"),
                run::toString);
        long pid = Long.parseLong(Files.readAllLines(fcRecord).get(0).split(" ")[1]);
        assertFalse(
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the half-configured firecracker was stopped");
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
    }

    @Test
    void withoutFirecrackerTheRunFailsWith127AndSaysHowToInstallIt() throws Exception {
        String pathWithoutFirecracker = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(dir -> !Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, "firecracker")))
                .collect(Collectors.joining(File.pathSeparator));
        KraftCli.Result run = kraft.with("PATH", pathWithoutFirecracker).run(project, "run", "-d", "--plat", "fc");
        assertEquals(127, run.exit(), run::toString);
        assertTrue(run.err().contains("firecracker not found on PATH; install Firecracker"), run::toString);

        Path config = Files.createDirectories(kraft.home().resolve(".config/kraftkit"))
                .resolve("config.yaml");
        Files.writeString(config, "firecracker: /nowhere/firecracker\n");
        KraftCli.Result configured = kraft.with("PATH", bin + File.pathSeparator + System.getenv("PATH"))
                .run(project, "run", "-d", "--plat", "fc");
        assertEquals(127, configured.exit(), configured::toString);
        assertTrue(configured.err().contains("/nowhere/firecracker not found;"), configured::toString);
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
    }

    @Test
    void xenDomainIsCreatedFromAnXlConfigPausedAndShutDown() throws Exception {
        KraftCli.Result run = kraft.run(
                tmp,
                "run",
                "-d",
                "--plat",
                "xen",
                "--name",
                "xen-one",
                "-M",
                "32Mi",
                "-a",
                "loglevel=3",
                kernel.toString(),
                "--",
                "a",
                "b c");
        assertEquals(0, run.exit(), run::toString);
        List<String> calls = Files.readAllLines(xlRecord);
        Matcher create = Pattern.compile("create (\\S+/xl\\.cfg)")
                .matcher(calls.stream()
                        .filter(c -> c.startsWith("create "))
                        .findFirst()
                        .orElse(""));
        assertTrue(create.matches(), calls::toString);
        assertEquals(
                "# Written by kraft for machine xen-one; read by xl create.\n"
                        + "name = \"xen-one\"\ntype = \"pvh\"\nkernel = \"" + kernel + "\"\nmemory = 32\nvcpus = 1\n"
                        + "on_crash = \"destroy\"\non_reboot = \"destroy\"\nextra = \"loglevel=3 -- a \\\"b c\\\"\"\n",
                Files.readString(Path.of(create.group(1))));

        KraftCli.Result ps = kraft.run(tmp, "ps");
        assertTrue(
                ps.out().contains("xen-one")
                        && ps.out().contains("Up ")
                        && ps.out().contains("xen/x86_64"),
                ps::toString);
        assertEquals(0, kraft.run(tmp, "pause", "xen-one").exit());
        assertTrue(kraft.run(tmp, "ps").out().contains("(Paused)"));
        assertEquals(0, kraft.run(tmp, "start", "-d", "xen-one").exit());
        KraftCli.Result logs = kraft.run(tmp, "logs", "xen-one");
        assertEquals(0, logs.exit(), logs::toString);
        assertEquals("", logs.out(), "the Xen console is not captured");

        assertEquals(0, kraft.run(tmp, "stop", "xen-one").exit());
        List<String> all = Files.readAllLines(xlRecord);
        assertTrue(
                all.containsAll(List.of("list xen-one", "pause xen-one", "unpause xen-one", "shutdown -w xen-one")),
                all::toString);
        assertFalse(all.contains("destroy xen-one"), "a domain that shut down is not destroyed: " + all);
        assertTrue(kraft.run(tmp, "ps", "-a").out().contains("Stopped"));
        assertEquals(0, kraft.run(tmp, "rm", "xen-one").exit());
        assertFalse(Files.exists(Path.of(create.group(1)).getParent()), "the state dir and xl.cfg are gone");
    }

    @Test
    void aXenDomainThatIgnoresShutdownIsDestroyedAfterTheTimeout() throws Exception {
        assertEquals(
                0,
                kraft.run(tmp, "run", "-d", "--plat", "xen", "--name", "stubborn", kernel.toString())
                        .exit());
        long started = System.nanoTime();
        KraftCli.Result stop = kraft.with("XL_STUB_SHUTDOWN", "hang").run(tmp, "stop", "-t", "1", "stubborn");
        assertEquals(0, stop.exit(), stop::toString);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "stop does not wait for shutdown -w");
        List<String> all = Files.readAllLines(xlRecord);
        assertEquals(
                List.of("shutdown -w stubborn", "list stubborn", "destroy stubborn"),
                all.subList(all.size() - 3, all.size()));
        assertTrue(kraft.run(tmp, "ps", "-a").out().contains("Stopped"));
    }

    @Test
    void xenWithoutXlFailsWith127AndRefusesPorts() throws Exception {
        String pathWithoutXl = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(dir -> !Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, "xl")))
                .collect(Collectors.joining(File.pathSeparator));
        KraftCli.Result missing =
                kraft.with("PATH", pathWithoutXl).run(tmp, "run", "-d", "--plat", "xen", kernel.toString());
        assertEquals(127, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("xl not found on PATH"), missing::toString);

        KraftCli.Result ports = kraft.with("PATH", bin + File.pathSeparator + System.getenv("PATH"))
                .run(tmp, "run", "-d", "--plat", "xen", "-p", "8080:80", kernel.toString());
        assertEquals(2, ports.exit(), ports::toString);
        assertTrue(
                ports.err().contains("-p 0.0.0.0:8080:80/tcp: the Xen driver cannot publish ports"), ports::toString);
        assertFalse(Files.exists(xlRecord), "xl was never asked for anything");
        assertEquals("", kraft.run(tmp, "ps", "-aq").out());
    }
}
