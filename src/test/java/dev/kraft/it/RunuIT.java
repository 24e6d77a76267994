package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/kraft-runu under the real containerd (Debian's, started by the test) and its stock runc
 * shim, driven with ctr: images from kraft pkg of the test core, imported from kraft's OCI
 * layout; QEMU under TCG.
 */
class RunuIT {
    private static final Path RUNU = Path.of("bin/kraft-runu").toAbsolutePath();
    private static final String HELLO = "localhost/runu-hello:1";
    private static final String FOREVER = "localhost/runu-forever:1";
    private static final String CRASH = "localhost/runu-crash:1";

    @TempDir
    static Path shared;

    static Containerd containerd;
    static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void imagesInContainerd() throws Exception {
        KraftCli kraft = new KraftCli(Files.createDirectories(shared.resolve("home")));
        Files.createDirectories(kraft.home().resolve(".config/kraftkit"));
        pack(kraft, Projects.copyHelloLocal(Files.createDirectories(shared.resolve("hello"))), HELLO);
        pack(
                kraft,
                Projects.helloLocalWith(Files.createDirectories(shared.resolve("forever")), Projects.RUN_FOREVER),
                FOREVER);
        pack(
                kraft,
                Projects.helloLocalWith(
                        Files.createDirectories(shared.resolve("crash")), "CONFIG_HELLO_EXIT_CRASH: 'y'"),
                CRASH);
        Path store = kraft.home().resolve(".local/share/kraftkit/runtime/oci");
        Path archive = shared.resolve("images.tar");
        assertEquals(
                0,
                new ProcessBuilder(
                                "tar",
                                "-C",
                                store.toString(),
                                "-cf",
                                archive.toString(),
                                "oci-layout",
                                "index.json",
                                "blobs")
                        .inheritIO()
                        .start()
                        .waitFor());
        containerd = Containerd.start(Files.createDirectories(shared.resolve("containerd")));
        KraftCli.Result imported = containerd.ctr("image", "import", "--platform", "qemu/x86_64", archive.toString());
        assertEquals(0, imported.exit(), imported::toString);
        root = shared.resolve("runu");
    }

    private static void pack(KraftCli kraft, Path project, String ref) throws Exception {
        KraftCli.Result built = kraft.run(project, "build");
        assertEquals(0, built.exit(), built::toString);
        KraftCli.Result packed = kraft.run(project, "pkg", "--name", ref);
        assertEquals(0, packed.exit(), packed::toString);
    }

    @AfterAll
    static void stopContainerd() throws Exception {
        if (containerd != null) {
            containerd.close();
        }
    }

    /** Every test leaves nothing: no container, no machine record, no process of the runtime's root. */
    @AfterEach
    void nothingLeftBehind() throws Exception {
        List<String> leftOver = containerd
                .ctr("container", "ls", "-q")
                .out()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        for (String id : leftOver) {
            containerd.ctr("task", "kill", "--signal", "KILL", id);
            waitFor(() -> !containerd.ctr("task", "ls").out().matches("(?s).*" + id + "\\s+\\d+\\s+RUNNING.*"));
            containerd.ctr("task", "delete", id);
            containerd.ctr("container", "rm", id);
        }
        assertEquals(List.of(), leftOver, "containers left by the test");
        Path namespace = root.resolve("default");
        if (Files.isDirectory(namespace)) {
            try (Stream<Path> entries = Files.list(namespace)) {
                assertEquals(
                        List.of(),
                        entries.filter(p -> !p.getFileName().toString().equals(".machines"))
                                .toList());
            }
            if (Files.isDirectory(namespace.resolve(".machines"))) {
                try (Stream<Path> machines = Files.list(namespace.resolve(".machines"))) {
                    assertEquals(List.of(), machines.filter(Files::isDirectory).toList());
                }
            }
        }
        assertEquals(List.of(), processesMentioning(root.toString()));
    }

    private KraftCli.Result run(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                "run",
                "--platform",
                "qemu/x86_64",
                "--runc-binary",
                RUNU.toString(),
                "--runc-root",
                root.toString(),
                "--fifo-dir",
                containerd.dir().resolve("fifo").toString()));
        argv.addAll(List.of(args));
        return containerd.ctr(argv.toArray(String[]::new));
    }

    @Test
    void theGuestsConsoleArgsEnvAndExitCodeAreTheTasks() throws Exception {
        KraftCli.Result hello = run("--rm", "--env", "GREETING=hi", HELLO, "hello1", "--", "a", "b");
        assertEquals(0, hello.exit(), hello::toString);
        assertTrue(hello.out().contains("Hello from hello (kraft test core"), hello::toString);
        assertTrue(hello.out().contains("env: GREETING=hi\n"), "process.env reaches the guest: " + hello);
        assertTrue(hello.out().contains("arg: a\narg: b\n"), "process.args reach the guest: " + hello);
        assertTrue(hello.out().contains("exit: clean"), hello::toString);

        KraftCli.Result crash = run("--rm", CRASH, "crash1");
        assertEquals(42, crash.exit(), "Unikraft's crash code is the task's: " + crash);
        assertTrue(crash.out().contains("exit: crash"), crash::toString);
    }

    /** examples/containerd/run-with-ctr.sh as a user runs it: in a built project, kraft and kraft-runu on PATH. */
    @Test
    void theCtrExampleRunsTheProjectItIsStartedIn() throws Exception {
        Path script = Path.of("examples/containerd/run-with-ctr.sh").toAbsolutePath();
        // The example runs ctr with its defaults: what they make under /run/containerd goes again after it.
        List<Path> defaults = Stream.of("runc", "fifo")
                .map(d -> Path.of("/run/containerd", d))
                .filter(d -> !Files.exists(d))
                .toList();
        KraftCli.Result example = KraftCli.Result.of(
                List.of("sh", script.toString(), "from", "the", "example"),
                shared.resolve("hello/hello-local"),
                Map.of(
                        "PATH",
                        RUNU.getParent() + ":" + System.getenv("PATH"),
                        "HOME",
                        shared.resolve("home").toString(),
                        "XDG_CONFIG_HOME",
                        shared.resolve("home/.config").toString(),
                        "NO_COLOR",
                        "1",
                        "CONTAINERD_ADDRESS",
                        containerd.dir().resolve("containerd.sock").toString(),
                        "IMAGE",
                        "localhost/example:1"),
                tmp,
                300);
        for (Path made : defaults) {
            Projects.delete(made);
        }
        assertEquals(0, example.exit(), example::toString);
        assertTrue(example.out().contains("arg: from\narg: the\narg: example\n"), example::toString);
    }

    @Test
    void killStopsALongRunningGuestAndDeleteLeavesNothing() throws Exception {
        Path console = tmp.resolve("console.log");
        KraftCli.Result started =
                run("-d", "--log-uri", "file://" + console, "--memory-limit", "134217728", FOREVER, "forever1");
        assertEquals(0, started.exit(), started::toString);
        assertTrue(
                waitFor(() -> Files.exists(console) && Files.readString(console).contains("running forever")),
                "the guest boots");
        String state = runu("state", "forever1").out();
        assertTrue(state.contains("\"status\" : \"running\""), state);
        List<String> pids =
                List.of(containerd.ctr("task", "ps", "forever1").out().strip().split("\n"));
        assertEquals(3, pids.size(), "the init process and QEMU: " + pids);
        assertTrue(
                processesMentioning(root.toString()).stream().anyMatch(p -> p.contains("-m size=128M")),
                "linux.resources.memory.limit sizes the guest");

        assertEquals(0, containerd.ctr("task", "pause", "forever1").exit());
        assertTrue(
                containerd.ctr("task", "ls").out().matches("(?s).*forever1\\s+\\d+\\s+PAUSED.*"),
                "ctr task pause freezes the guest");
        assertTrue(runu("state", "forever1").out().contains("\"status\" : \"paused\""));
        assertEquals(0, containerd.ctr("task", "resume", "forever1").exit());
        assertTrue(
                containerd.ctr("task", "ls").out().matches("(?s).*forever1\\s+\\d+\\s+RUNNING.*"),
                "and resume lets it go on");

        KraftCli.Result kill = containerd.ctr("task", "kill", "forever1");
        assertEquals(0, kill.exit(), kill::toString);
        assertTrue(
                waitFor(() -> containerd.ctr("task", "ls").out().matches("(?s).*forever1\\s+\\d+\\s+STOPPED.*")),
                "the task stops");
        assertEquals(0, containerd.ctr("task", "delete", "forever1").exit());
        assertEquals(0, containerd.ctr("container", "rm", "forever1").exit());
        assertNotEquals(0, runu("state", "forever1").exit(), "the runtime keeps no state of it");
    }

    @Test
    void anImageWithoutAKernelIsRefusedInOneLineAndLeavesNothing() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
        KraftCli.Result refused = containerd.ctr(
                "run",
                "--fifo-dir",
                containerd.dir().resolve("fifo").toString(),
                "--rm",
                "--runc-binary",
                RUNU.toString(),
                "--runc-root",
                root.toString(),
                "--rootfs",
                rootfs.getParent().toString(),
                "plain1",
                "/bin/sh");
        assertNotEquals(0, refused.exit(), refused::toString);
        assertTrue(
                refused.err().contains("has no kernel at /unikraft/bin/kernel: not a unikernel image"),
                refused::toString);
    }

    @Test
    void aMissingHypervisorIsRefusedAndAQuotedEnvValueArrivesWhole() throws Exception {
        Path noQemu = tmp.resolve("runu-without-qemu");
        Files.writeString(
                noQemu, "#!/bin/sh\nKRAFTKIT_QEMU=/nonexistent/qemu-system-x86_64 exec " + RUNU + " \"$@\"\n");
        Files.setPosixFilePermissions(noQemu, PosixFilePermissions.fromString("rwxr-xr-x"));
        KraftCli.Result missing = containerd.ctr(
                "run",
                "--fifo-dir",
                containerd.dir().resolve("fifo").toString(),
                "--rm",
                "--platform",
                "qemu/x86_64",
                "--runc-binary",
                noQemu.toString(),
                "--runc-root",
                root.toString(),
                HELLO,
                "noqemu1");
        assertNotEquals(0, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("/nonexistent/qemu-system-x86_64 not found"), missing::toString);

        KraftCli.Result quoted = run("--rm", "--env", "QUOTED=a\"b c", HELLO, "quote1");
        assertEquals(0, quoted.exit(), quoted::toString);
        assertTrue(quoted.out().contains("env: QUOTED=a\"b c\n"), "a quote in a value reaches the guest: " + quoted);
    }

    @Test
    void aMalformedConfigJsonNamesItsLineAndColumn() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("bundle"));
        Files.writeString(
                bundle.resolve("config.json"), "{\"root\": {\"path\": \"rootfs\"},\n \"process\": {\"args\": [}}\n");
        KraftCli.Result create = runu("create", "--bundle", bundle.toString(), "bad1");
        assertEquals(5, create.exit(), create::toString);
        assertTrue(create.err().contains(bundle.resolve("config.json") + ":2:"), create::toString);
        assertEquals(1, create.err().strip().lines().count(), "one line: " + create);
    }

    @Test
    void aPodSandboxRunsItsPauseProcess() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("sandbox/rootfs"));
        Path pause = Files.writeString(rootfs.resolve("pause"), "#!/bin/sh\necho paused\nexec sleep 600\n");
        Files.setPosixFilePermissions(pause, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path console = tmp.resolve("sandbox.log");
        KraftCli.Result started = containerd.ctr(
                "run",
                "--fifo-dir",
                containerd.dir().resolve("fifo").toString(),
                "-d",
                "--log-uri",
                "file://" + console,
                "--runc-binary",
                RUNU.toString(),
                "--runc-root",
                root.toString(),
                "--annotation",
                "io.kubernetes.cri.container-type=sandbox",
                "--rootfs",
                rootfs.toString(),
                "sandbox1",
                "/pause");
        assertEquals(0, started.exit(), started::toString);
        assertTrue(
                waitFor(() -> Files.exists(console) && Files.readString(console).contains("paused")), "pause runs");
        assertEquals(0, containerd.ctr("task", "kill", "sandbox1").exit());
        assertTrue(waitFor(() -> containerd.ctr("task", "ls").out().matches("(?s).*sandbox1\\s+\\d+\\s+STOPPED.*")));
        assertEquals(0, containerd.ctr("task", "delete", "sandbox1").exit());
        assertEquals(0, containerd.ctr("container", "rm", "sandbox1").exit());
    }

    /**
     * Kubernetes' way: a pod's namespace made and given an address by the CNI bridge plugin
     * first, the container joining it by path. The guest gets the pod's address, traffic to it
     * reaches the guest's NIC, and the namespace gets its address back when the container goes.
     * (The test core has no network stack to answer with; its command line and the TAP's counter
     * are the proof.)
     */
    @Test
    void aPodsAddressGoesToTheGuestAndComesBack() throws Exception {
        try (PodNetwork pod = PodNetwork.create(tmp)) {
            Path netns = pod.namespace("kraft-runu-pod");
            String address = pod.add(netns, "pod1");
            Path console = tmp.resolve("pod.log");
            KraftCli.Result started =
                    run("-d", "--with-ns", "network:" + netns, "--log-uri", "file://" + console, FOREVER, "pod1");
            assertEquals(0, started.exit(), started::toString);
            assertTrue(
                    waitFor(() ->
                            Files.exists(console) && Files.readString(console).contains("running forever")),
                    "the guest boots");
            assertTrue(
                    Files.readString(console).contains("netdev.ip=" + address + "/24:" + pod.gateway() + "::::"),
                    Files.readString(console));
            assertTrue(pod.reachesTheGuest(netns, address), "traffic to the pod's address reaches the guest's TAP");
            stop("pod1");
            assertEquals(List.of(address), pod.addresses(netns), "the pod's interface has its address back");
        }
    }

    /** ctr's own --cni: containerd makes the namespace, CNI fills it between create and start. */
    @Test
    void ctrCniGivesTheGuestThePodsAddress() throws Exception {
        try (PodNetwork pod = PodNetwork.create(tmp)) {
            pod.configureCtr();
            Path console = tmp.resolve("cni.log");
            KraftCli.Result started = run("-d", "--cni", "--log-uri", "file://" + console, FOREVER, "cni1");
            assertEquals(0, started.exit(), started::toString);
            assertTrue(
                    waitFor(() ->
                            Files.exists(console) && Files.readString(console).contains("running forever")),
                    "the guest boots");
            Matcher ip = Pattern.compile("netdev\\.ip=([0-9.]+)/24:" + Pattern.quote(pod.gateway()) + "::::")
                    .matcher(Files.readString(console));
            assertTrue(ip.find(), Files.readString(console));
            String pid = containerd
                    .ctr("task", "ls")
                    .out()
                    .lines()
                    .filter(l -> l.startsWith("cni1"))
                    .findFirst()
                    .orElseThrow()
                    .split("\\s+")[1];
            assertTrue(
                    pod.reachesTheGuest(Path.of("/proc", pid, "ns", "net"), ip.group(1)),
                    "traffic to the pod's address reaches the guest");
            stop("cni1");
        }
    }

    private void stop(String id) throws Exception {
        assertEquals(0, containerd.ctr("task", "kill", id).exit());
        assertTrue(
                waitFor(() -> containerd.ctr("task", "ls").out().matches("(?s).*" + id + "\\s+\\d+\\s+STOPPED.*")),
                id + " stops");
        assertEquals(0, containerd.ctr("task", "delete", id).exit());
        assertEquals(0, containerd.ctr("container", "rm", id).exit());
    }

    private KraftCli.Result runu(String... args) throws Exception {
        List<String> argv = new ArrayList<>(
                List.of(RUNU.toString(), "--root", root.resolve("default").toString()));
        argv.addAll(List.of(args));
        return KraftCli.Result.of(argv, tmp, Map.of("PATH", System.getenv("PATH")), tmp, 60);
    }

    /** The command lines of running processes that name the text. */
    static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .map(p -> cmdline(p.pid()))
                .filter(c -> c.contains(text))
                .toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static boolean waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
