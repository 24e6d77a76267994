package dev.kraft.builder;

import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.support.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a source or header a build compiles names {@code CONFIG_UK_BASE} or {@code
 * CONFIG_UK_APP} (see {@link ConfigHeaderKey}); any mention counts. Components placed from kraft's
 * cache cannot change under one configuration fingerprint (it names their commits), so they are
 * read once per fingerprint and the answer is remembered; the app and components in local
 * directories can change at any time, so they are read at every build (small trees). Hidden
 * directories ({@code .unikraft}, {@code .git}) and the build dir are skipped: the upstream code
 * unpacked there (musl, lwip) knows nothing of Unikraft's configuration.
 */
final class PathMacroScan {
    private static final Set<String> SOURCE_SUFFIXES =
            Set.of(".c", ".h", ".S", ".s", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".inc", ".lds", ".ld");

    private PathMacroScan() {}

    /** @param memo where the answer for the cached components is kept, with the fingerprint it holds for */
    static boolean used(Workdir workdir, String fingerprint, Path memo) throws IOException {
        List<Path> cached = new ArrayList<>();
        List<Path> local = new ArrayList<>(List.of(workdir.appDir()));
        Path app = workdir.appDir().toAbsolutePath().normalize();
        for (ComponentSpec component : workdir.project().components()) {
            Path dir = workdir.dirOf(component);
            if (component.directory().isEmpty()) {
                cached.add(dir);
            } else if (!readWithApp(app, dir.toAbsolutePath().normalize(), workdir.buildDir())) {
                local.add(dir);
            }
        }
        if (cachedUse(cached, workdir, fingerprint, memo)) {
            return true;
        }
        return anyUses(local, workdir.buildDir());
    }

    /** A local directory inside the app (./libs/x) is read with it, unless the app's walk skips it. */
    private static boolean readWithApp(Path app, Path dir, Path buildDir) {
        if (!dir.startsWith(app) || dir.startsWith(buildDir.toAbsolutePath().normalize())) {
            return false;
        }
        for (Path part : app.relativize(dir)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static boolean cachedUse(List<Path> cached, Workdir workdir, String fingerprint, Path memo)
            throws IOException {
        String clean = fingerprint + " none\n";
        String dirty = fingerprint + " used\n";
        String remembered = Files.isRegularFile(memo) ? Files.readString(memo, StandardCharsets.UTF_8) : "";
        if (remembered.equals(clean) || remembered.equals(dirty)) {
            return remembered.equals(dirty);
        }
        boolean used = anyUses(cached, workdir.buildDir());
        AtomicFiles.writeString(memo, used ? dirty : clean);
        return used;
    }

    private static boolean anyUses(List<Path> trees, Path buildDir) throws IOException {
        for (Path tree : trees) {
            if (Files.isDirectory(tree) && uses(tree, buildDir)) {
                return true;
            }
        }
        return false;
    }

    /** The first mention found ends the walk. */
    static boolean uses(Path tree, Path skipped) throws IOException {
        boolean[] found = {false};
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden =
                        !dir.equals(tree) && dir.getFileName().toString().startsWith(".");
                return hidden || dir.equals(skipped) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && isSource(file.getFileName().toString()) && mentions(file)) {
                    found[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    private static boolean isSource(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && SOURCE_SUFFIXES.contains(name.substring(dot));
    }

    /** Bytes as Latin-1: every byte one char, so any encoding's ASCII names are found. */
    private static boolean mentions(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String macro : PathMacroFilter.MACROS) {
            if (text.contains(macro)) {
                return true;
            }
        }
        return false;
    }
}
