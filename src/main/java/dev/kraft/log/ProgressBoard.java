package dev.kraft.log;

import dev.kraft.support.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The long work under way and how it is shown: live (fancy output redraws the newest task's
 * line as it moves, and at least every half second), or as lines (a line per task every few
 * seconds, so a CI log shows a minutes-long build is alive without a line per file). A timer
 * thread ticks while any task runs, because the work itself may say nothing for minutes (a
 * link, a slow compile).
 */
final class ProgressBoard {
    static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    static final long TICK_MILLIS = 500;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kraft-progress");
        thread.setDaemon(true);
        return thread;
    });

    /** Where the board writes: the console. */
    interface Output {
        /** A line that says how far a task got (basic and json output). */
        void line(ProgressText.Snapshot snapshot);

        /** Redraws the live line (fancy output). */
        void live(ProgressText.Snapshot snapshot);

        /** Takes the live line away. */
        void clearLive();

        /** A tool's line that only debug output shows when there is no live line. */
        void detail(String line);
    }

    private final boolean live;
    private final Output output;
    private final LongSupplier nanos;
    private final boolean ticking;
    private final List<Task> tasks = new ArrayList<>();
    private ScheduledFuture<?> ticker;
    private long lastDraw;

    /**
     * @param live    redraw a live line rather than write lines
     * @param ticking run the timer thread (tests call {@link #tick()} themselves)
     */
    ProgressBoard(boolean live, Output output, LongSupplier nanos, boolean ticking) {
        this.live = live;
        this.output = output;
        this.nanos = nanos;
        this.ticking = ticking;
    }

    synchronized Progress start(String label, Progress.Unit unit) {
        Task task = new Task(label, unit, nanos.getAsLong());
        tasks.add(task);
        if (ticking && ticker == null) {
            ticker = TIMER.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return task;
    }

    /** Measures each task's rate; redraws the live line, or writes the lines that are due. */
    synchronized void tick() {
        long now = nanos.getAsLong();
        for (Task task : tasks) {
            task.measure(now);
            if (!live && now - task.lastLine >= LINE_INTERVAL_NANOS) {
                task.lastLine = now;
                output.line(task.snapshot(now));
            }
        }
        if (live) {
            draw(now);
        }
    }

    private void draw(long now) {
        if (!tasks.isEmpty()) {
            lastDraw = now;
            output.live(tasks.get(tasks.size() - 1).snapshot(now));
        }
    }

    private synchronized void changed(Task task) {
        long now = nanos.getAsLong();
        if (live && task == tasks.get(tasks.size() - 1) && now - lastDraw >= REDRAW_NANOS) {
            draw(now);
        }
    }

    private synchronized void ended(Task task) {
        if (!tasks.remove(task)) {
            return;
        }
        if (tasks.isEmpty()) {
            if (ticker != null) {
                ticker.cancel(false);
                ticker = null;
            }
            if (live) {
                output.clearLive();
            }
        } else if (live) {
            draw(nanos.getAsLong());
        }
    }

    /** One piece of work: its counts, and a rate smoothed over the ticks so a burst does not make it jump. */
    private final class Task implements Progress {
        private final String label;
        private final Unit unit;
        private final long started;
        private long lastLine;
        private long done;
        private long total = -1;
        private String detail = "";
        private long measuredAt;
        private long measuredDone;
        private double rate;

        Task(String label, Unit unit, long started) {
            this.label = label;
            this.unit = unit;
            this.started = started;
            this.lastLine = started;
            this.measuredAt = started;
        }

        @Override
        public void update(long done, long total) {
            synchronized (ProgressBoard.this) {
                this.done = done;
                this.total = total;
            }
            changed(this);
        }

        @Override
        public void detail(String line) {
            synchronized (ProgressBoard.this) {
                detail = line.strip();
            }
            if (live) {
                changed(this);
            } else {
                output.detail(line);
            }
        }

        @Override
        public void close() {
            ended(this);
        }

        void measure(long now) {
            if (now - measuredAt <= 0) {
                return;
            }
            double current = (done - measuredDone) * 1e9 / (now - measuredAt);
            rate = measuredAt == started ? current : 0.7 * rate + 0.3 * current;
            measuredAt = now;
            measuredDone = done;
        }

        ProgressText.Snapshot snapshot(long now) {
            double bytesPerSecond = measuredAt == started && now > started ? done * 1e9 / (now - started) : rate;
            return new ProgressText.Snapshot(label, unit, done, total, bytesPerSecond, now - started, detail);
        }
    }
}
