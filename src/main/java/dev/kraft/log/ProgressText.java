package dev.kraft.log;

import dev.kraft.support.Progress;
import dev.kraft.support.Sizes;

/**
 * How a piece of progress reads: as a plain line ({@code compiling hello: 120 of 1234 files
 * (9%), 35 s}) and as a live line that fits the terminal, with a bar when the total is known.
 * ASCII only, so every terminal and locale draws it the same width.
 */
final class ProgressText {
    private static final int MIN_BAR = 10;
    private static final int MAX_BAR = 40;
    private static final int MIN_DETAIL = 12;

    private ProgressText() {}

    /** What a piece of progress is at one moment. */
    record Snapshot(
            String label,
            Progress.Unit unit,
            long done,
            long total,
            double bytesPerSecond,
            long elapsedNanos,
            String detail) {
        boolean totalKnown() {
            return total > 0;
        }
    }

    /** The plain line: label, counts, and the rate of a transfer or the time a count has taken. */
    static String line(Snapshot s) {
        return s.label() + ": " + numbers(s);
    }

    /** The live line, at most {@code columns - 1} characters (a character in the last column makes some terminals wrap). */
    static String live(Snapshot s, int columns) {
        int room = Math.max(20, columns) - 1;
        String numbers = numbers(s);
        int barWidth = s.totalKnown() ? Math.min(MAX_BAR, room - s.label().length() - numbers.length() - 4) : 0;
        StringBuilder line = new StringBuilder(s.label());
        if (barWidth >= MIN_BAR) {
            line.append(" [").append(bar(s.done(), s.total(), barWidth)).append(']');
        }
        line.append(' ').append(numbers);
        if (!s.detail().isEmpty() && line.length() + 2 + MIN_DETAIL <= room) {
            line.append("  ").append(s.detail());
        }
        return fit(line.toString(), room);
    }

    private static String numbers(Snapshot s) {
        String count =
                s.unit() == Progress.Unit.BYTES ? Sizes.binary(s.done()) : s.done() + (s.totalKnown() ? "" : " files");
        if (s.totalKnown()) {
            count += " of " + (s.unit() == Progress.Unit.BYTES ? Sizes.binary(s.total()) : s.total() + " files") + " ("
                    + Math.min(100, s.done() * 100 / s.total()) + "%)";
        }
        String pace = s.unit() == Progress.Unit.BYTES
                ? Sizes.binary(Math.round(s.bytesPerSecond())) + "/s"
                : duration(s.elapsedNanos());
        return count + ", " + pace;
    }

    private static String bar(long done, long total, int width) {
        int filled = (int) Math.min(width, done * width / total);
        StringBuilder bar = new StringBuilder(width);
        bar.append("=".repeat(filled));
        if (filled < width) {
            bar.append('>').append(" ".repeat(width - filled - 1));
        }
        return bar.toString();
    }

    /** {@code 35 s}, {@code 2 min 3 s}, {@code 1 h 4 min}. */
    static String duration(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String fit(String line, int room) {
        return line.length() <= room ? line : line.substring(0, room - 3) + "...";
    }
}
