package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a docker or KraftKit user types out of habit (#16 items 2 and 4), each against the real
 * launcher and the test core booted by QEMU: the habit works as they expect, or the error says
 * what to do.
 */
class SwitchingUserIT {
    @TempDir
    static Path shared;

    private static Path hello;

    @TempDir
    Path tmp;

    private KraftCli kraft;

    @BeforeAll
    static void buildKernel() throws Exception {
        hello = Projects.copyHelloLocal(Files.createDirectories(shared.resolve("hello")));
        KraftCli.Result build = new KraftCli(Files.createDirectories(shared.resolve("home"))).run(hello, "build");
        assertEquals(0, build.exit(), build::toString);
    }

    @BeforeEach
    void home() throws IOException {
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void removeMachines() throws Exception {
        kraft.run(tmp, "rm", "-f", "--all");
    }

    private KraftCli.Result ok(Path dir, String... args) throws Exception {
        KraftCli.Result result = kraft.run(dir, args);
        assertEquals(0, result.exit(), result::toString);
        return result;
    }

    @Test
    void psSpeaksDockersLanguage() throws Exception {
        ok(hello, "run", "--name", "first");
        ok(hello, "run", "--name", "second");

        JsonNode json =
                new ObjectMapper().readTree(ok(tmp, "ps", "-a", "-o", "json").out());
        assertEquals(2, json.size(), json::toString);
        Map<String, String> ids = new HashMap<>();
        for (JsonNode machine : json) {
            ids.put(machine.get("name").asText(), machine.get("id").asText());
            assertEquals("exited", machine.get("state").asText(), "lower-case states: " + machine);
            OffsetDateTime created = OffsetDateTime.parse(machine.get("created").asText());
            OffsetDateTime ended = OffsetDateTime.parse(machine.get("ended").asText());
            assertFalse(ended.isBefore(created), "RFC 3339 times: " + machine);
            assertTrue(
                    machine.get("status")
                            .asText()
                            .matches("Exited \\(0\\) (Less than a second|1 second|\\d+ seconds) ago"),
                    machine::toString);
        }

        assertEquals("", ok(tmp, "ps", "-q").out(), "-q without -a: only running machines");
        assertEquals(
                List.of(ids.get("first"), ids.get("second")),
                ok(tmp, "ps", "-a", "-q")
                        .out()
                        .lines()
                        .sorted((a, b) -> a.equals(ids.get("first")) ? -1 : 1)
                        .toList(),
                "-q prints IDs, one a line");
        assertEquals(
                "second\n", ok(tmp, "ps", "-n", "1", "--format", "{{.Name}}").out(), "-n 1: the latest, exited or not");
        assertEquals(
                ids.get("first") + "\n",
                ok(tmp, "ps", "-a", "-q", "--filter", "name=first").out());
        assertEquals(
                2,
                ok(tmp, "ps", "-a", "-q", "--filter", "status=exited")
                        .out()
                        .lines()
                        .count());
        assertEquals("", ok(tmp, "ps", "-a", "-q", "--filter", "status=running").out());
        String table = ok(tmp, "ps", "-a", "--no-trunc").out();
        assertTrue(table.contains("STATUS") && table.contains("Exited (0) "), table);
    }

    @Test
    void logsWithTimesAndWindows() throws Exception {
        ok(hello, "run", "--name", "talker");
        String stamped = ok(tmp, "logs", "-t", "talker").out();
        assertTrue(
                stamped.lines()
                        .anyMatch(l ->
                                l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z Hello from hello.*")),
                stamped);
        assertTrue(ok(tmp, "logs", "--since", "1h", "talker").out().contains("Hello from hello"));
        assertEquals(
                "", ok(tmp, "logs", "--until", "2000-01-01T00:00:00Z", "talker").out(), "nothing before 2000");
    }

    @Test
    void rmGoesOnPastWhatItCannotRemoveAndReportsIt() throws Exception {
        // Names no machine ID starts with: an ID prefix names a machine too.
        ok(hello, "run", "--name", "alpha");
        ok(hello, "run", "--name", "gamma");
        KraftCli.Result rm = kraft.run(tmp, "rm", "alpha", "nosuch", "gamma");
        assertEquals(6, rm.exit(), rm::toString);
        assertTrue(rm.err().contains("no machine named nosuch"), rm::toString);
        assertEquals("", ok(tmp, "ps", "-a", "-q").out(), "alpha and gamma are gone all the same");
    }

    @Test
    void detachedPrintsTheNameAndRmRemovesTheMachineOnceItEnds() throws Exception {
        assertEquals(
                "kept\n", ok(hello, "run", "-d", "--name", "kept").out(), "KraftKit prints the name (docker: the ID)");
        assertEquals("gone\n", ok(hello, "run", "-d", "--rm", "--name", "gone").out());
        for (int i = 0;
                i < 300 && ok(tmp, "ps", "-a", "--format", "{{.Name}}").out().contains("gone");
                i++) {
            Thread.sleep(100);
        }
        String names = ok(tmp, "ps", "-a", "--format", "{{.Name}}").out();
        assertFalse(names.contains("gone"), "-d --rm: removed once it exited: " + names);
        assertTrue(names.contains("kept"), names);
    }

    @Test
    void memoryInDockersLowerCaseUnitsIsBinary() throws Exception {
        ok(hello, "run", "-M", "512m", "--name", "big");
        JsonNode machine = new ObjectMapper()
                .readTree(ok(tmp, "ps", "-a", "-o", "json").out())
                .get(0);
        assertEquals(512L << 20, machine.get("memoryBytes").asLong(), machine::toString);
    }

    @Test
    void aHypervisorThatMayNotBeExecutedIs126() throws Exception {
        Path qemu = Files.writeString(tmp.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        KraftCli.Result run = kraft.run(hello, "--qemu", qemu.toString(), "run");
        assertEquals(126, run.exit(), run::toString);
        assertTrue(
                run.err().contains("exists but may not be executed")
                        && run.err().contains("chmod +x"),
                run::toString);
    }

    @Test
    void aFileThatIsNoUnikraftKernelIsRefused() throws Exception {
        KraftCli.Result run = kraft.run(tmp, "run", "/bin/ls");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(
                run.err().contains("/bin/ls is not a Unikraft kernel: it has none of Unikraft's sections"),
                run::toString);
        assertEquals("", ok(tmp, "ps", "-a", "-q").out(), "no machine left behind");
    }

    @Test
    void theAmbiguousTargetHintNamesTheTargets() throws Exception {
        Path two = Projects.copyHelloLocal(tmp);
        Path kraftfile = two.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile).replace("  - qemu/x86_64\n", "  - qemu/x86_64\n  - fc/x86_64\n"));
        ok(two, "build", "--all");
        KraftCli.Result run = kraft.run(two, "run");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(
                run.err().contains("2 built targets match: hello (qemu/x86_64), hello (fc/x86_64); choose one with -t"),
                run::toString);
    }

    @Test
    void aShortImageNameStoredByPkgIsFoundByRunAndPkgRm() throws Exception {
        ok(hello, "pkg", "--name", "x:1");
        KraftCli.Result run = ok(tmp, "run", "--name", "from-image", "x:1");
        assertTrue(run.out().contains("Hello from hello"), run::toString);
        ok(tmp, "pkg", "rm", "x:1");
        KraftCli.Result again = kraft.with("KRAFTKIT_OFFLINE", "1").run(tmp, "run", "x:1");
        assertFalse(again.exit() == 0, "removed: " + again);
    }

    /** --no-color, TERM=dumb and KRAFTKIT_NO_COLOR reach --help, which is coloured on a terminal otherwise. */
    @Test
    void helpFollowsTheColourSettings() throws Exception {
        assertTrue(help(List.of(), Map.of()).contains("\u001b["), "coloured on a terminal");
        assertFalse(help(List.of("--no-color"), Map.of()).contains("\u001b["));
        assertFalse(help(List.of(), Map.of("TERM", "dumb")).contains("\u001b["));
        assertFalse(help(List.of(), Map.of("KRAFTKIT_NO_COLOR", "1")).contains("\u001b["));
    }

    private String help(List<String> flags, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(kraft.env());
        env.remove("NO_COLOR");
        env.put("TERM", "xterm-256color");
        env.putAll(extra);
        String command = KraftCli.LAUNCHER + " " + String.join(" ", flags) + " ps --help; echo END-OF-HELP; sleep 60";
        try (Terminal terminal = new Terminal(tmp, tmp, List.of("sh", "-c", command), env)) {
            terminal.await("END-OF-HELP");
            return terminal.screen(true);
        }
    }
}
