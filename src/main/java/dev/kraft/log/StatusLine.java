package dev.kraft.log;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * The one live line of fancy output: redrawn in place with a carriage return, cleared before
 * any real message so that messages never mix with it, never wider than the terminal (asked
 * again at most once a second, so a resized window is followed).
 */
final class StatusLine {
    private static final long WIDTH_CHECK_NANOS = 1_000_000_000L;
    private final PrintStream err;
    private final boolean enabled;
    private final IntSupplier columns;
    private boolean shown;
    private int width;
    private long widthCheckedAt;

    StatusLine(PrintStream err, boolean enabled, IntSupplier columns) {
        this.err = err;
        this.enabled = enabled;
        this.columns = columns;
    }

    /** The terminal's width in columns. */
    int width() {
        long now = System.nanoTime();
        if (width == 0 || now - widthCheckedAt > WIDTH_CHECK_NANOS) {
            width = Math.max(20, columns.getAsInt());
            widthCheckedAt = now;
        }
        return width;
    }

    void show(String text) {
        if (!enabled) {
            return;
        }
        String line = text.strip();
        int room = width() - 1;
        if (line.length() > room) {
            line = line.substring(0, room - 3) + "...";
        }
        err.print("\r\u001b[2K" + line);
        err.flush();
        shown = true;
    }

    void clear() {
        if (shown) {
            err.print("\r\u001b[2K");
            err.flush();
            shown = false;
        }
    }
}
