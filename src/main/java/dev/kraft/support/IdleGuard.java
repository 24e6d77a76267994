package dev.kraft.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream that has delivered nothing for too long. The JDK's HTTP client times out
 * waiting for headers but not while reading a body, so a server that stalls mid-download
 * would otherwise hang kraft for ever; closing the stream turns the stall into a read error.
 */
final class IdleGuard implements Closeable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kraft-idle-guard");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean fired;

    IdleGuard(InputStream stream, Duration idle) {
        long limit = idle.toNanos();
        long period = Math.max(50, Math.min(1000, idle.toMillis() / 4));
        check = TIMER.scheduleAtFixedRate(
                () -> {
                    if (!fired && System.nanoTime() - lastProgress > limit) {
                        fired = true;
                        try {
                            stream.close();
                        } catch (IOException e) {
                            // The reader sees the stream fail either way.
                        }
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    /** Whether the guard closed the stream, which makes the reader's error a stall. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
