package dev.kraft.log;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything kraft tells the user. Results (tables, JSON documents) go to {@link #out()};
 * messages go to stderr in the chosen {@link LogType}. Fields are key/value pairs that basic
 * output appends as {@code key=value} and JSON output keeps as members.
 */
public final class Console {
    private final LogType type;
    private final LogLevel level;
    private final boolean color;
    private final PrintStream out;
    private final PrintStream err;
    private final StatusLine status;

    public Console(LogType type, LogLevel level, boolean color, PrintStream out, PrintStream err) {
        this.type = type;
        this.level = level;
        this.color = color;
        this.out = out;
        this.err = err;
        this.status = new StatusLine(err, type == LogType.FANCY);
    }

    public PrintStream out() {
        return out;
    }

    public LogLevel level() {
        return level;
    }

    public boolean debugEnabled() {
        return enabled(LogLevel.DEBUG);
    }

    public void trace(String message, Object... fields) {
        log(LogLevel.TRACE, message, fields);
    }

    public void debug(String message, Object... fields) {
        log(LogLevel.DEBUG, message, fields);
    }

    public void info(String message, Object... fields) {
        log(LogLevel.INFO, message, fields);
    }

    public void warn(String message, Object... fields) {
        log(LogLevel.WARN, message, fields);
    }

    public void error(String message, Object... fields) {
        log(LogLevel.ERROR, message, fields);
    }

    /**
     * A line of a tool's own output (make). Fancy output shows it on the live status line; the
     * other types print it at debug level only, since the build log keeps all of it.
     */
    public void progress(String line) {
        if (type == LogType.FANCY && enabled(LogLevel.INFO)) {
            status.show(line);
        } else {
            log(LogLevel.DEBUG, line);
        }
    }

    /** Prints raw text on stderr, as it is (make's output after a failure). */
    public void raw(String line) {
        status.clear();
        err.println(line);
    }

    private boolean enabled(LogLevel messageLevel) {
        LogLevel floor = type == LogType.QUIET && level.compareTo(LogLevel.WARN) < 0 ? LogLevel.WARN : level;
        return messageLevel.compareTo(floor) >= 0;
    }

    private void log(LogLevel messageLevel, String message, Object... fields) {
        if (!enabled(messageLevel)) {
            return;
        }
        Map<String, Object> map = toMap(fields);
        status.clear();
        if (type == LogType.JSON) {
            err.println(JsonLine.of(messageLevel, message, map));
        } else {
            err.println(TextLine.of(messageLevel, message, map, color && type == LogType.FANCY));
        }
        err.flush();
    }

    private static Map<String, Object> toMap(Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in key/value pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            map.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        return map;
    }
}
