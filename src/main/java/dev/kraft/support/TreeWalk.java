package dev.kraft.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/** Walks every entry below a tree (not the tree itself), parents before children, links not followed. */
public final class TreeWalk {
    private TreeWalk() {}

    /** What is done with each entry, named by its path relative to the tree. */
    public interface Visitor {
        void visit(String relative, Path file, BasicFileAttributes attrs) throws IOException;
    }

    /** Every entry below {@code tree}. */
    public static void walk(Path tree, Visitor visitor) throws IOException {
        walk(tree, entry -> false, visitor);
    }

    /** Every entry below {@code tree} but the top-level ones {@code leftOut} accepts, with all below them. */
    public static void walk(Path tree, Predicate<Path> leftOut, Visitor visitor) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(tree)) {
                    return FileVisitResult.CONTINUE;
                }
                if (dir.getParent().equals(tree) && leftOut.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                visitor.visit(tree.relativize(dir).toString(), dir, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!(file.getParent().equals(tree) && leftOut.test(file))) {
                    visitor.visit(tree.relativize(file).toString(), file, attrs);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
