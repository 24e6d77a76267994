package dev.kraft.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When each line of a machine's console was written, to the second: the supervising shell
 * notes the log's size each second it grew ({@link MachinePaths#consoleTimes}), so a line was
 * written by the first note whose size reaches its end. What {@code kraft logs -t}, {@code --since}
 * and {@code --until} read. Lines no note covers yet (written this second) are dated now.
 */
public final class ConsoleTimes {
    private final long[] sizes;
    private final long[] millis;
    private final long now;

    private ConsoleTimes(long[] sizes, long[] millis, long now) {
        this.sizes = sizes;
        this.millis = millis;
        this.now = now;
    }

    /** The notes of a machine's console; none (a machine made before kraft kept them) dates every line by the log's last change. */
    public static ConsoleTimes of(MachinePaths paths, long now) throws IOException {
        List<long[]> notes = new ArrayList<>();
        if (Files.isRegularFile(paths.consoleTimes())) {
            for (String line : Files.readAllLines(paths.consoleTimes(), StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 2 && parts[0].matches("[0-9]+") && parts[1].matches("[0-9]+")) {
                    notes.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]) * 1000});
                }
            }
        } else if (Files.isRegularFile(paths.serialLog())) {
            notes.add(new long[] {
                Files.size(paths.serialLog()),
                Files.getLastModifiedTime(paths.serialLog()).toMillis()
            });
        }
        return new ConsoleTimes(
                notes.stream().mapToLong(n -> n[0]).toArray(),
                notes.stream().mapToLong(n -> n[1]).toArray(),
                now);
    }

    /** When the line that ends at {@code end} was written (epoch milliseconds). */
    public long of(long end) {
        return first(end).map(i -> millis[i]).orElse(now);
    }

    private Optional<Integer> first(long end) {
        int low = 0;
        int high = sizes.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sizes[middle] >= end) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low < sizes.length ? Optional.of(low) : Optional.empty();
    }
}
