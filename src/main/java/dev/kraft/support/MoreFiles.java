package dev.kraft.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Tree operations the JDK lacks: staging directories, confined names, deleting a tree without following links out of it. */
public final class MoreFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private MoreFiles() {}

    /**
     * A fresh directory beside others, to be renamed into place once complete. The JDK makes
     * temporary directories private (0700); the tree they become is shared, so it gets 0755.
     */
    public static Path createStagingDirectory(Path parent, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(parent, prefix);
        try {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults are all we can have.
        }
        return dir;
    }

    /**
     * {@code parent/name} for a name that must stay one entry of parent: never {@code ..}, an
     * absolute path or one with a separator, whatever validated it before.
     */
    public static Path child(Path parent, String name) {
        Path base = parent.normalize();
        if (name.isEmpty()
                || name.equals(".")
                || !base.equals(base.resolve(name).normalize().getParent())) {
            throw new KraftException(ExitCode.INVALID_INPUT, "\"" + name + "\" cannot name an entry of " + parent);
        }
        return parent.resolve(name);
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
