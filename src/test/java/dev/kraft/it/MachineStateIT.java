package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machine records that must never lie about QEMU, with real QEMU: kraft killed with SIGKILL at
 * every moment of {@code kraft run -d}, and a machine.json cut short.
 */
class MachineStateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path forever;

    @TempDir
    Path tmp;

    KraftCli kraft;

    @BeforeAll
    static void buildKernel() throws Exception {
        forever = Projects.helloLocalWith(Files.createDirectories(shared.resolve("forever")), Projects.RUN_FOREVER);
        KraftCli.Result build = new KraftCli(Files.createDirectories(shared.resolve("home"))).run(forever, "build");
        assertEquals(0, build.exit(), build::toString);
    }

    @BeforeEach
    void home() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void removeMachines() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
        awaitNoQemu();
    }

    /** KraftKit's and our old failure: the record said "created" while QEMU ran, and stop, start and rm -f all missed it. */
    @Test
    void killNineDuringRunDetachedLeavesNoOrphanAndNoRecordThatLies() throws Exception {
        Path machines = kraft.home().resolve(".local/share/kraftkit/runtime/machines");
        for (int i = 0; i < 16; i++) {
            Process run = kraft.start(forever, "run", "-W", "-d", "--name", "k" + i);
            if (i < 8) {
                // The sweep's variable: when in the run kraft dies, from before its JVM is up to after QEMU started.
                Thread.sleep(i * 110L);
            } else {
                // The narrow moment KraftKit and we once lost: QEMU has just started, the record is not written yet.
                awaitPidFile(machines, "k" + i, run);
                Thread.sleep(i - 8);
            }
            run.destroyForcibly();
            assertTrue(run.waitFor(10, TimeUnit.SECONDS));
        }
        Map<String, Long> qemus = qemusByMachineDir();
        for (JsonNode machine : ps()) {
            Path dir = kraft.home()
                    .resolve(".local/share/kraftkit/runtime/machines")
                    .resolve(machine.get("id").asText());
            String state = machine.get("state").asText();
            boolean alive = qemus.containsKey(dir.toString());
            assertEquals(
                    alive,
                    state.equals("running"),
                    machine.get("name").asText() + " says " + state + ", QEMU alive: " + alive);
            qemus.remove(dir.toString());
        }
        assertEquals(Map.of(), qemus, "every QEMU belongs to a record");

        KraftCli.Result start = kraft.run(tmp, "start", "-d", "--all");
        assertEquals(0, start.exit(), start::toString);
        assertEquals(ps().size(), qemusByMachineDir().size(), "start booted what never booted, and no machine twice");
        assertEquals(0, kraft.run(tmp, "rm", "-f", "--all").exit());
        awaitNoQemu();
        assertEquals(List.of(), ps());
    }

    @Test
    void aRecordCutShortIsListedBrokenAndRmForceStopsItsQemu() throws Exception {
        assertEquals(
                0, kraft.run(forever, "run", "-W", "-d", "--name", "victim").exit());
        JsonNode victim = ps().get(0);
        Path dir = kraft.home()
                .resolve(".local/share/kraftkit/runtime/machines")
                .resolve(victim.get("id").asText());
        Files.writeString(
                dir.resolve("machine.json"),
                Files.readString(dir.resolve("machine.json")).substring(0, 40));

        KraftCli.Result ps = kraft.run(tmp, "ps", "-a");
        String id = victim.get("id").asText();
        assertTrue(
                ps.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("Broken: machine.json: ")), ps::toString);
        KraftCli.Result stop = kraft.run(tmp, "stop", "victim");
        assertEquals(6, stop.exit(), "its name is in the broken file: " + stop);
        assertTrue(qemusByMachineDir().containsKey(dir.toString()));

        KraftCli.Result removed = kraft.run(tmp, "rm", "-f", "--all");
        assertEquals(0, removed.exit(), removed::toString);
        awaitNoQemu();
        assertFalse(Files.exists(dir));
    }

    /** Waits (1 ms steps) until the machine's hypervisor has written its PID, or kraft has ended. */
    private static void awaitPidFile(Path machines, String name, Process run) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (run.isAlive() && System.nanoTime() < deadline) {
            if (Files.isDirectory(machines)) {
                try (Stream<Path> dirs = Files.list(machines)) {
                    if (dirs.anyMatch(dir -> Files.exists(dir.resolve("machine.pid")) && named(dir, name))) {
                        return;
                    }
                }
            }
            Thread.sleep(1);
        }
    }

    private static boolean named(Path dir, String name) {
        try {
            return Files.readString(dir.resolve("machine.json")).contains("\"name\" : \"" + name + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    private List<JsonNode> ps() throws Exception {
        KraftCli.Result ps = kraft.run(tmp, "ps", "-a", "-o", "json");
        assertEquals(0, ps.exit(), ps::toString);
        List<JsonNode> machines = new ArrayList<>();
        JSON.readTree(ps.out()).forEach(machines::add);
        return machines;
    }

    /** QEMU processes of this test's HOME, by the machine directory their command line names. */
    private Map<String, Long> qemusByMachineDir() {
        Map<String, Long> found = new HashMap<>();
        String machines =
                kraft.home().resolve(".local/share/kraftkit/runtime/machines").toString();
        ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach(process -> {
            String commandLine = commandLine(process.pid());
            int at = commandLine.indexOf("-pidfile " + machines + "/");
            if (commandLine.contains("qemu-system") && at >= 0) {
                String rest = commandLine.substring(at + "-pidfile ".length());
                found.put(rest.substring(0, rest.indexOf("/qemu.pid")), process.pid());
            }
        });
        return found;
    }

    private void awaitNoQemu() throws InterruptedException {
        for (int i = 0; i < 200 && !qemusByMachineDir().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(Map.of(), qemusByMachineDir(), "no QEMU of this test is left");
    }

    private static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
