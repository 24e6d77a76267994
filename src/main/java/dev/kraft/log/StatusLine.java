package dev.kraft.log;

import java.io.PrintStream;

/**
 * The one live line of fancy output: redrawn in place with a carriage return, cleared before
 * any real message so that messages never mix with it.
 */
final class StatusLine {
    private static final int WIDTH = 78;
    private final PrintStream err;
    private final boolean enabled;
    private boolean shown;

    StatusLine(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void show(String text) {
        if (!enabled) {
            return;
        }
        String line = text.strip();
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH - 1) + "…";
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
