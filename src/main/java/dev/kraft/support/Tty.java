package dev.kraft.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which standard streams are terminals. Java 17 has no per-stream check, so this reads the
 * descriptor links under /proc/self/fd (Linux); elsewhere it says "not a terminal", which is the
 * safe answer for output decisions.
 */
public record Tty(boolean stdin, boolean stdout, boolean stderr) {

    public static final Tty NONE = new Tty(false, false, false);

    public static Tty detect() {
        return new Tty(isTerminal(0), isTerminal(1), isTerminal(2));
    }

    /** Prompts need a person on both ends: someone to read the question and someone to type. */
    public boolean interactive() {
        return stdin && stderr;
    }

    /**
     * The width of the terminal on stderr, which a live line must not pass: Java cannot ask the
     * terminal, so {@code stty size} is asked with that terminal as its input (a few
     * milliseconds); then {@code $COLUMNS}; then 80.
     */
    public int columns(Map<String, String> env) {
        if (stderr) {
            try {
                Process stty = new ProcessBuilder("stty", "size")
                        .redirectInput(terminal(2).toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && answer.matches("\\d+ [1-9]\\d*")) {
                    return Integer.parseInt(answer.substring(answer.indexOf(' ') + 1));
                }
            } catch (IOException e) {
                // No stty: the environment may know.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String columns = env.getOrDefault("COLUMNS", "");
        return columns.matches("[1-9]\\d{0,3}") ? Integer.parseInt(columns) : 80;
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = terminal(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Path terminal(int fd) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
    }
}
