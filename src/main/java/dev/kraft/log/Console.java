package dev.kraft.log;

import dev.kraft.support.Progress;
import dev.kraft.support.ProgressSink;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Everything kraft tells the user. Results (tables, JSON documents) go to {@link #out()};
 * messages go to stderr in the chosen {@link LogType}. Fields are key/value pairs that basic
 * output appends as {@code key=value} and JSON output keeps as members. Long work shows its
 * {@link Progress} here: a live bar in fancy output, a line every few seconds in basic and JSON.
 * Messages may come from the progress timer's thread too, so writing to stderr is synchronized.
 */
public final class Console implements ProgressSink {
    private static final int DEFAULT_COLUMNS = 80;
    private final LogType type;
    private final LogLevel level;
    private final boolean color;
    private final PrintStream out;
    private final PrintStream err;
    private final StatusLine status;
    private final ProgressBoard board;
    private final Optional<Clock> timestamps;

    public Console(LogType type, LogLevel level, boolean color, PrintStream out, PrintStream err) {
        this(type, level, color, out, err, () -> DEFAULT_COLUMNS, Optional.empty());
    }

    /**
     * @param columns    the width of the terminal on stderr, asked when fancy output draws its live line
     * @param timestamps the clock that dates every message ({@code --log-timestamps}), if they are dated
     */
    public Console(
            LogType type,
            LogLevel level,
            boolean color,
            PrintStream out,
            PrintStream err,
            IntSupplier columns,
            Optional<Clock> timestamps) {
        this.timestamps = timestamps;
        this.type = type;
        this.level = level;
        this.color = color;
        this.out = out;
        this.err = err;
        this.status = new StatusLine(err, type == LogType.FANCY, columns);
        this.board = new ProgressBoard(type == LogType.FANCY, new BoardOutput(), System::nanoTime, true);
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
    public synchronized void progress(String line) {
        if (type == LogType.FANCY && enabled(LogLevel.INFO)) {
            status.show(line);
        } else {
            log(LogLevel.DEBUG, line);
        }
    }

    /** Prints raw text on stderr, as it is (make's output after a failure). */
    public synchronized void raw(String line) {
        status.clear();
        err.println(line);
    }

    /** Shows the progress of long work until it is closed; nothing at all in quiet output or below info. */
    @Override
    public Progress start(String label, Progress.Unit unit) {
        return enabled(LogLevel.INFO) ? board.start(label, unit) : Progress.NONE;
    }

    private boolean enabled(LogLevel messageLevel) {
        LogLevel floor = type == LogType.QUIET && level.compareTo(LogLevel.WARN) < 0 ? LogLevel.WARN : level;
        return messageLevel.compareTo(floor) >= 0;
    }

    private synchronized void log(LogLevel messageLevel, String message, Object... fields) {
        if (!enabled(messageLevel)) {
            return;
        }
        Map<String, Object> map = toMap(fields);
        status.clear();
        Optional<String> time = timestamps.map(
                clock -> Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        if (type == LogType.JSON) {
            time.ifPresent(t -> map.put("time", t));
            err.println(JsonLine.of(messageLevel, message, map));
        } else {
            err.println(time.map(t -> t + " ").orElse("")
                    + TextLine.of(messageLevel, message, map, color && type == LogType.FANCY));
        }
        err.flush();
    }

    /** How the progress board writes: through the console's own lines and status line. */
    private final class BoardOutput implements ProgressBoard.Output {
        @Override
        public void line(ProgressText.Snapshot s) {
            if (type == LogType.JSON) {
                log(
                        LogLevel.INFO,
                        s.label(),
                        "unit",
                        s.unit().name().toLowerCase(Locale.ROOT),
                        "done",
                        s.done(),
                        "total",
                        s.total(),
                        "elapsed_ms",
                        s.elapsedNanos() / 1_000_000,
                        "bytes_per_second",
                        Math.round(s.bytesPerSecond()));
            } else {
                log(LogLevel.INFO, ProgressText.line(s));
            }
        }

        @Override
        public void live(ProgressText.Snapshot s) {
            synchronized (Console.this) {
                status.show(ProgressText.live(s, status.width()));
            }
        }

        @Override
        public void clearLive() {
            synchronized (Console.this) {
                status.clear();
            }
        }

        @Override
        public void detail(String line) {
            log(LogLevel.DEBUG, line);
        }
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
