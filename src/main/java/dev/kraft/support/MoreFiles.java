package dev.kraft.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Tree operations the JDK lacks: copy and delete a tree, without following links out of it. */
public final class MoreFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private MoreFiles() {
    }

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
        if (name.isEmpty() || name.equals(".") || !base.equals(base.resolve(name).normalize().getParent())) {
            throw new KraftException(ExitCode.INVALID_INPUT, "\"" + name + "\" cannot name an entry of " + parent);
        }
        return parent.resolve(name);
    }

    /** Copies a tree into target, symbolic links as links, never following one. */
    public static void copyTree(Path source, Path target) throws IOException {
        reproduceTree(source, target, false);
    }

    /**
     * Reproduces a tree by hard-linking its files (fast, no extra space), copying where links
     * cannot be made (another file system); symbolic links stay links. Target may exist empty.
     */
    public static void linkTree(Path source, Path target) throws IOException {
        reproduceTree(source, target, true);
    }

    private static void reproduceTree(Path source, Path target, boolean link) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                    return FileVisitResult.CONTINUE;
                }
                if (link) {
                    try {
                        Files.createLink(to, file);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException | UnsupportedOperationException e) {
                        // Another file system, or links not allowed: a copy does the same job.
                    }
                }
                Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
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
