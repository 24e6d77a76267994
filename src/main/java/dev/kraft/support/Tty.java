package dev.kraft.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
