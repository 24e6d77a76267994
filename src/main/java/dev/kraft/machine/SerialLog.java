package dev.kraft.machine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a machine's serial console log as lines, without SeaBIOS's preamble (a log that starts
 * with SeaBIOS is shown from the line after "Booting from …", as KraftKit does), and follows it
 * while the machine runs.
 */
public final class SerialLog {
    private final Path file;
    private final StringBuilder partial = new StringBuilder();
    private long offset;
    private Boolean preamble;

    public SerialLog(Path file) {
        this.file = file;
    }

    /** Hands every complete line written so far to {@code lines}. */
    public void readAvailable(Consumer<String> lines) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0;
            }
            in.seek(offset);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                offset += n;
                partial.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    String line = partial.substring(0, newline);
                    partial.delete(0, newline + 1);
                    emit(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, lines);
                }
            }
        }
    }

    /**
     * Follows the log until {@code running} turns false, then reads what is left. Polled every
     * 10 ms: a read of a file that did not grow costs microseconds, and the period is latency
     * added to every line and to the guest's exit.
     */
    public void follow(BooleanSupplier running, Consumer<String> lines) throws IOException, InterruptedException {
        while (running.getAsBoolean()) {
            readAvailable(lines);
            Thread.sleep(10);
        }
        readAvailable(lines);
        flush(lines);
    }

    /** The unfinished last line, if the guest ended without a newline. */
    public void flush(Consumer<String> lines) {
        if (partial.length() > 0) {
            emit(partial.toString(), lines);
            partial.setLength(0);
        }
    }

    /** The last {@code count} lines of the whole log. */
    public static Deque<String> tail(Path file, int count) throws IOException {
        Deque<String> last = new ArrayDeque<>();
        SerialLog log = new SerialLog(file);
        Consumer<String> keep = line -> {
            last.addLast(line);
            if (last.size() > count) {
                last.removeFirst();
            }
        };
        log.readAvailable(keep);
        log.flush(keep);
        return last;
    }

    private void emit(String line, Consumer<String> lines) {
        if (preamble == null) {
            preamble = line.contains("SeaBIOS");
        }
        if (preamble) {
            if (line.contains("Booting from ")) {
                preamble = false;
            }
            return;
        }
        lines.accept(line);
    }
}
