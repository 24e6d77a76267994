package dev.kraft.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a file, across processes (the OS releases it when a holder dies, even by
 * {@code kill -9}) and across threads of this process (the OS lock alone would throw there).
 */
public final class FileLock implements AutoCloseable {
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private final Path path;
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(Path path, FileChannel channel, java.nio.channels.FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until the lock is ours. */
    public static FileLock acquire(Path path) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        while (!HELD_HERE.add(key)) {
            sleepBriefly();
        }
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new FileLock(key, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** The lock if nobody holds it now; never waits. */
    public static Optional<FileLock> tryAcquire(Path path) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        if (!HELD_HERE.add(key)) {
            return Optional.empty();
        }
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = null;
            try {
                lock = channel.tryLock();
            } finally {
                if (lock == null) {
                    channel.close();
                    HELD_HERE.remove(key);
                }
            }
            return lock == null ? Optional.empty() : Optional.of(new FileLock(key, channel, lock));
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(path);
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a lock", e);
        }
    }
}
