package dev.kraft.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a reader sees the old content or the new, never a part: the bytes go to a
 * temporary file beside the target, are forced to disk, then renamed over it.
 */
public final class AtomicFiles {
    /**
     * Temporary names are unique by process id and a counter, created exclusively: the JDK's
     * createTempFile draws them from SecureRandom, whose set-up cost every command ~15 ms.
     */
    private static final AtomicLong TEMP_NUMBER = new AtomicLong();

    private AtomicFiles() {}

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /** Like {@link #write}, as a program others run (0755): it is never seen unexecutable. */
    public static void writeExecutable(Path target, byte[] content) throws IOException {
        write(target, content, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What a streamed write puts in the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Like {@link #write}, for content too large to hold in memory (an archive being packed, a
     * copy); the stream may be closed, which only flushes it.
     */
    public static void stream(Path target, Content content) throws IOException {
        write(target, content, null);
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, out -> out.write(content), permissions);
    }

    /** @param permissions the new file's, or null for the old one's */
    private static void write(Path target, Content content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = null;
        try {
            FileChannel created = null;
            while (created == null) {
                temp = dir.resolve("." + target.getFileName() + "."
                        + ProcessHandle.current().pid() + "-" + TEMP_NUMBER.incrementAndGet() + ".tmp");
                try {
                    created = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException taken) {
                    // Left by a crashed process that had our pid, or a process in another PID namespace.
                    temp = null;
                }
            }
            try (FileChannel channel = created) {
                setPermissions(temp, target, permissions);
                // Closing it (an archive writer closes what it wraps) only flushes: the file is synced and renamed
                // here.
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveAtomically(temp, target);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Unless given, the new file gets the old one's permissions, or 0644 whatever the umask. */
    private static void setPermissions(Path temp, Path target, Set<PosixFilePermission> permissions)
            throws IOException {
        try {
            Files.setPosixFilePermissions(
                    temp,
                    permissions != null
                            ? permissions
                            : Files.exists(target)
                                    ? Files.getPosixFilePermissions(target)
                                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults are all we can have.
        }
    }

    /** Renames within one file system; replaces a file but never a non-empty directory. */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target + " atomically", e);
        }
    }
}
