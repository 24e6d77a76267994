package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback while a build takes long: the test core with a library whose every object takes
 * seconds to compile (src/test/resources/slow-lib: its Makefile.uk makes the compiler a wrapper
 * that sleeps), built through bin/kraft. Basic output, piped, writes a progress line at least
 * every 10 s and no escape code; fancy output in a real terminal (tmux, its own server and a
 * window 60 columns wide) draws a bar that stays within the width.
 */
class ProgressIT {
    private static final Path SLOW_LIB = Path.of("src/test/resources/slow-lib").toAbsolutePath();
    private static final Pattern PROGRESS = Pattern.compile("compiling hello: (\\d+) (?:of (\\d+) )?files.*");
    private static final int COLUMNS = 60;

    @TempDir
    Path tmp;

    Path project;
    KraftCli kraft;

    @BeforeAll
    static void tmux() throws Exception {
        SystemPackages.installIfMissing(Map.of("tmux", "tmux"));
    }

    @BeforeEach
    void slowProject() throws IOException {
        project = Projects.copyHelloLocal(tmp);
        Path lib = project.resolve("libs/slow-lib");
        Projects.copy(SLOW_LIB, lib);
        assertTrue(lib.resolve("slowcc").toFile().setExecutable(true));
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("libraries:\n", "libraries:\n  slow:\n    source: ./libs/slow-lib\n"));
        kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
    }

    /** Each stderr line with the seconds since the start at which it came. */
    private record Line(double at, String text) {}

    @Test
    void aLongBuildInBasicModeSaysHowFarItGotAtLeastEveryTenSeconds() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(KraftCli.LAUNCHER.toString(), "build", "--no-ccache")
                .directory(project.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(kraft.env());
        // Colour left on: basic output has no escape codes even so.
        builder.environment().remove("NO_COLOR");
        long start = System.nanoTime();
        Process build = builder.start();
        List<Line> lines = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(build.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                lines.add(new Line((System.nanoTime() - start) / 1e9, line));
                raw.append(line).append('\n');
            }
        }
        assertTrue(build.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, build.exitValue(), raw::toString);
        assertFalse(raw.toString().contains("\u001b"), "no escape code in piped output: " + raw);

        double compiling = lines.stream()
                .filter(l -> l.text().startsWith("configuring"))
                .findFirst()
                .orElseThrow()
                .at();
        double built = lines.stream()
                .filter(l -> l.text().startsWith("built "))
                .findFirst()
                .orElseThrow()
                .at();
        assertTrue(built - compiling > 12, "the slow library makes a long build: " + lines);
        double last = compiling;
        int withTotal = 0;
        for (Line line : lines) {
            if (line.at() > compiling && line.at() <= built) {
                assertTrue(line.at() - last <= 10, "a line at least every 10 s: " + lines);
                last = line.at();
            }
            Matcher progress = PROGRESS.matcher(line.text());
            if (progress.matches() && progress.group(2) != null) {
                withTotal++;
                assertTrue(Long.parseLong(progress.group(1)) <= Long.parseLong(progress.group(2)), line.text());
            }
        }
        assertTrue(withTotal >= 1, "files compiled of files to compile, once make listed its sources: " + raw);
    }

    @Test
    void fancyOutputInATerminalDrawsABarWithinItsWidth() throws Exception {
        Path socket = tmp.resolve("tmux.sock");
        Path done = tmp.resolve("done");
        String command = "env -i PATH='" + System.getenv("PATH") + "' HOME='" + kraft.home()
                + "' TERM=xterm LANG=C.UTF-8 XDG_CONFIG_HOME='"
                + kraft.home().resolve(".config") + "' XDG_DATA_HOME='"
                + kraft.home().resolve(".local/share") + "' '" + KraftCli.LAUNCHER
                + "' --log-type fancy build --no-ccache; echo $? > '" + done + "'; sleep 600";
        tmux(
                socket,
                "new-session",
                "-d",
                "-x",
                Integer.toString(COLUMNS),
                "-y",
                "20",
                "-c",
                project.toString(),
                command);
        try {
            List<String> bars = new ArrayList<>();
            for (int i = 0; i < 1200 && !Files.exists(done); i++) {
                // -J joins a line the terminal wrapped: a bar too wide for the window would show as one long line.
                for (String line : tmux(socket, "capture-pane", "-p", "-J").split("\n")) {
                    if (line.startsWith("compiling hello")) {
                        assertTrue(line.strip().length() < COLUMNS, "within " + COLUMNS + " columns: [" + line + "]");
                    }
                    if (line.startsWith("compiling hello [")) {
                        bars.add(line.strip());
                    }
                }
                Thread.sleep(100);
            }
            assertEquals("0", Files.readString(done).strip(), tmux(socket, "capture-pane", "-p"));
            assertFalse(bars.isEmpty(), "a bar was drawn");
            assertTrue(
                    bars.stream()
                            .allMatch(b ->
                                    b.matches("compiling hello \\[[=> ]+\\] \\d+ of \\d+ files \\(\\d+%\\), \\d+ s.*")),
                    bars::toString);
            String screen = tmux(socket, "capture-pane", "-p");
            assertTrue(screen.contains("built .unikraft/build/hello_qemu-x86_64"), screen);
            assertFalse(screen.contains("compiling hello ["), "the bar is gone once the build is done: " + screen);
        } finally {
            tmux(socket, "kill-server");
        }
    }

    private static String tmux(Path socket, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "tmux answers");
        return out;
    }
}
