package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users see: plain lines in pipes, JSON for machines, colour only on a real terminal (tmux). */
class LogOutputIT {
    @TempDir
    Path tmp;

    private Path projectWithAWarning() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile).replace("  kconfig:\n", "  kconfig:\n    CONFIG_NO_SUCH_OPTION: 'y'\n"));
        return project;
    }

    @Test
    void jsonLinesEachParse() throws Exception {
        Path project = projectWithAWarning();
        KraftCli.Result build =
                new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(project, "--log-type", "json", "build");
        assertEquals(0, build.exit(), build::toString);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = build.err().lines().toList();
        assertTrue(lines.size() >= 3, build::toString);
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertTrue(node.has("level") && node.has("msg"), line);
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("\"level\":\"warn\"") && l.contains("CONFIG_NO_SUCH_OPTION")),
                build::toString);
    }

    /** --log-level debug shows every command kraft runs, as lines a user can paste: make's, then QEMU's. */
    @Test
    void debugPrintsEveryCommandLine() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        KraftCli.Result build = kraft.run(project, "--log-level", "debug", "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(
                build.err()
                        .lines()
                        .anyMatch(l -> l.contains("running ")
                                && l.contains("make -C " + project.resolve("core"))
                                && l.contains(" defconfig")),
                build::toString);
        assertTrue(
                build.err()
                        .lines()
                        .anyMatch(l -> l.contains("running ") && l.contains("make -C ") && l.contains(" all")),
                build::toString);

        KraftCli.Result run = kraft.run(project, "--log-level", "debug", "run", "-W", "--rm");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(
                run.err()
                        .lines()
                        .anyMatch(l ->
                                l.contains("running ") && l.contains("qemu-system-x86_64 ") && l.contains(" -kernel ")),
                run::toString);
        KraftCli.Result quiet = kraft.run(project, "run", "-W", "--rm");
        assertFalse(quiet.err().contains("qemu-system-x86_64"), quiet::toString);
    }

    @Test
    void fancyColoursOnlyOnATerminal() throws Exception {
        Path project = projectWithAWarning();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path out = tmp.resolve("screen.txt");
        String command = "env HOME=" + home + " XDG_DATA_HOME=" + home + "/.local/share XDG_CONFIG_HOME=" + home
                + "/.config TERM=xterm-256color " + KraftCli.LAUNCHER
                + " --log-type fancy build; echo EXIT=$?; sleep 30";
        String session = "kraft-it-" + ProcessHandle.current().pid();
        run(List.of(
                "tmux",
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                "160",
                "-y",
                "40",
                "-c",
                project.toString(),
                command));
        try {
            String screen = "";
            for (int i = 0; i < 300 && !screen.contains("EXIT="); i++) {
                Thread.sleep(100);
                screen = run(List.of("tmux", "capture-pane", "-p", "-e", "-t", session))
                        .out();
            }
            Files.writeString(out, screen);
            assertTrue(screen.contains("EXIT=0"), screen);
            assertTrue(screen.contains("\u001b[33mwarning: "), "a coloured warning on the terminal: " + screen);
            assertTrue(screen.contains("built .unikraft/build/hello_qemu-x86_64"), screen);
        } finally {
            run(List.of("tmux", "kill-session", "-t", session));
        }

        KraftCli.Result piped = new KraftCli(home).run(project, "--log-type", "fancy", "build");
        assertEquals(0, piped.exit(), piped::toString);
        assertFalse(piped.err().contains("\u001b["), "fancy falls back to plain lines in a pipe: " + piped);
    }

    private KraftCli.Result run(List<String> argv) throws Exception {
        return KraftCli.Result.of(argv, tmp, Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString()), tmp, 60);
    }
}
