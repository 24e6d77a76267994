package dev.kraft.machine;

import java.io.ByteArrayOutputStream;
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
 * Reads a machine's serial console log as lines, without SeaBIOS's preamble unless asked (a log
 * that starts with SeaBIOS is shown from the line after "Booting from …", as KraftKit does), and
 * follows it while the machine runs. Lines are split on bytes, so a character whose bytes
 * straddle two reads stays whole, and each line knows where in the file it ends
 * ({@link ConsoleTimes} dates it by that).
 */
public final class SerialLog {
    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;
    private Boolean preamble;

    /** A line of the console and the file offset just past its newline. */
    public record Line(String text, long end) {}

    public SerialLog(Path file) {
        this(file, false);
    }

    /** @param firmware show the firmware's preamble too (KraftKit's {@code --qemu-sgabios-preamble}) */
    public SerialLog(Path file, boolean firmware) {
        this.file = file;
        this.preamble = firmware ? Boolean.FALSE : null;
    }

    /** Hands every complete line written so far to {@code lines}. */
    public void readAvailable(Consumer<Line> lines) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0;
                partial.reset();
            }
            in.seek(offset);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        partial.write(buffer, start, i - start);
                        start = i + 1;
                        emit(offset + start, lines);
                    }
                }
                partial.write(buffer, start, n - start);
                offset += n;
            }
        }
    }

    /**
     * Follows the log until {@code running} turns false, then reads what is left. Polled every
     * 10 ms: a read of a file that did not grow costs microseconds, and the period is latency
     * added to every line and to the guest's exit.
     */
    public void follow(BooleanSupplier running, Consumer<Line> lines) throws IOException, InterruptedException {
        while (running.getAsBoolean()) {
            readAvailable(lines);
            Thread.sleep(10);
        }
        readAvailable(lines);
        flush(lines);
    }

    /** The unfinished last line, if the guest ended without a newline. */
    public void flush(Consumer<Line> lines) {
        if (partial.size() > 0) {
            emit(offset, lines);
        }
    }

    /** The last {@code count} lines of the whole log. */
    public static Deque<Line> tail(Path file, int count) throws IOException {
        Deque<Line> last = new ArrayDeque<>();
        SerialLog log = new SerialLog(file);
        Consumer<Line> keep = line -> {
            last.addLast(line);
            if (last.size() > count) {
                last.removeFirst();
            }
        };
        log.readAvailable(keep);
        log.flush(keep);
        return last;
    }

    private void emit(long end, Consumer<Line> lines) {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (preamble == null) {
            preamble = line.contains("SeaBIOS");
        }
        if (preamble) {
            if (line.contains("Booting from ")) {
                preamble = false;
            }
            return;
        }
        lines.accept(new Line(line, end));
    }
}
