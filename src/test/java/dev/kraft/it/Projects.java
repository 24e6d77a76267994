package dev.kraft.it;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test projects: copies of the examples, so every test builds in a tree of its own. */
final class Projects {
    static final Path HELLO_LOCAL = Path.of("examples/hello-local").toAbsolutePath();
    /** The test core's guest then prints its banner and runs until stopped. */
    static final String RUN_FOREVER = "CONFIG_HELLO_RUN_FOREVER: 'y'";

    private Projects() {}

    static Path copyHelloLocal(Path into) throws IOException {
        Path project = into.resolve("hello-local");
        copy(HELLO_LOCAL, project);
        return project;
    }

    /** The hello example with a Kconfig line more in its core's kconfig, e.g. {@link #RUN_FOREVER}. */
    static Path helloLocalWith(Path into, String kconfig) throws IOException {
        Path project = copyHelloLocal(into);
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile, Files.readString(kraftfile).replace("  kconfig:\n", "  kconfig:\n    " + kconfig + "\n"));
        return project;
    }

    static void delete(Path tree) throws IOException {
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName().toString();
                if (name.equals(".unikraft")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().startsWith(".config")) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
