package dev.kraft.build;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reproduces a tree by hard-linking its files (fast, no extra space), copying where links
 * cannot be made (another file system), and recreating symbolic links as they are.
 */
final class TreeLinker {
    private TreeLinker() {
    }

    static void linkOrCopy(Path source, Path target) throws IOException {
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
                } else {
                    try {
                        Files.createLink(to, file);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
