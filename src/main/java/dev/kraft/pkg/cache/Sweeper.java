package dev.kraft.pkg.cache;

import dev.kraft.support.FileLock;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Removes what killed processes left in {@code tmp/}. Every temporary name starts with the key
 * whose lock its writer held; a file whose lock is free (or is ours) belongs to nobody alive.
 */
final class Sweeper {
    private Sweeper() {}

    /** Sweeps tmp/; the caller holds the lock of heldKey. */
    static void sweep(Path root, String heldKey) throws IOException {
        Path tmp = root.resolve("tmp");
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                String name = leftover.getFileName().toString();
                int dot = name.indexOf('.');
                String key = dot < 0 ? name : name.substring(0, dot);
                if (key.equals(heldKey)) {
                    MoreFiles.deleteTree(leftover);
                    continue;
                }
                Optional<FileLock> free =
                        FileLock.tryAcquire(root.resolve("locks").resolve(key + ".lock"));
                if (free.isPresent()) {
                    try (FileLock lock = free.get()) {
                        MoreFiles.deleteTree(leftover);
                    }
                }
            }
        }
    }
}
