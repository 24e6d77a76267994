package dev.kraft.pkg.source;

import dev.kraft.support.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * A clone's progress as kraft shows it: the bytes received so far (JGit counts objects, not
 * bytes, so this measures the packs it writes as they arrive: {@code incoming_*.pack} under
 * {@code .git/objects}, then {@code .git/objects/pack}; at most five times a second) and JGit's task as the detail ({@code Receiving objects: 120 of
 * 560}).
 */
final class CloneProgress implements ProgressMonitor {
    private static final long MEASURE_NANOS = 200_000_000L;
    private final Progress progress;
    private final Path objects;
    private String task = "";
    private int total;
    private int done;
    private long measuredAt;

    /** @param clone the directory the clone is written to */
    CloneProgress(Progress progress, Path clone) {
        this.progress = progress;
        this.objects = clone.resolve(".git/objects");
    }

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {
        task = title;
        total = totalWork;
        done = 0;
        progress.detail(title);
    }

    @Override
    public void update(int completed) {
        done += completed;
        long now = System.nanoTime();
        if (now - measuredAt >= MEASURE_NANOS) {
            measuredAt = now;
            progress.update(received(), -1);
            progress.detail(task + ": " + done + (total > 0 ? " of " + total : ""));
        }
    }

    @Override
    public void endTask() {
        progress.update(received(), -1);
    }

    @Override
    public boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }

    @Override
    public void showDuration(boolean enabled) {}

    /** The bytes of the packs received so far. */
    private long received() {
        return packBytes(objects) + packBytes(objects.resolve("pack"));
    }

    private static long packBytes(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pack"))
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
