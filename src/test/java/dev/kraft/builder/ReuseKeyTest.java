package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.pkg.PackageManager;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.SealedTree;
import dev.kraft.support.SymbolicLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content key of a build reads a component kraft placed only where the placement's seal
 * cannot vouch for a file: the key is the key of every byte, and any edit of the placed tree
 * changes it.
 */
class ReuseKeyTest {
    @TempDir
    Path tmp;

    /** The cached tree of library greet 1.0, sealed as the cache seals it. */
    private Path cached;

    @BeforeEach
    void cache() throws IOException {
        cached = Files.createDirectories(tmp.resolve("cache/greet"));
        Files.createDirectories(cached.resolve("include"));
        Files.writeString(cached.resolve("greet.c"), "int greet(void) { return 1; }\n");
        Files.writeString(cached.resolve("include/greet.h"), "int greet(void);\n");
        Files.writeString(cached.resolve("configure"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(cached.resolve("configure"), PosixFilePermissions.fromString("rwxr-xr-x"));
        SymbolicLinks.create(cached.resolve("src"), "include/");
        SealedTree.seal(cached, SealedTree.sealOf(cached));
    }

    @Test
    void twoPlacementsOfAComponentHaveOneKeyTheKeyOfEveryByte() throws IOException {
        Path first = placed("first/p");
        Path second = placed("second/at/another/depth/p");
        String key = key(first);
        assertEquals(key, key(second), "the same inputs, wherever the project is");

        Files.delete(first.resolve(".unikraft/libs/.greet.seal"));
        assertEquals(key, key(first), "without the seal every byte is read, to the same key");
    }

    @Test
    void aFileRewrittenToItsSealedSizeTimeAndModeIsReadAllTheSame() throws IOException {
        Path project = placed("p");
        String key = key(project);
        Path source = project.resolve(".unikraft/libs/greet/greet.c");
        FileTime placedAt = Files.getLastModifiedTime(source);
        Files.writeString(source, "int greet(void) { return 2; }\n");
        Files.setLastModifiedTime(source, placedAt);
        assertNotEquals(
                key,
                key(project),
                "size, time and mode can be made to match a seal (a project's archive can bring both), the"
                        + " change time cannot");
    }

    @Test
    void anyEditOfThePlacedTreeChangesTheKey() throws IOException {
        String key = key(placed("unedited/p"));
        Map<String, Edit> edits = Map.of(
                "content and size",
                lib -> Files.writeString(lib.resolve("greet.c"), "int greet(void) { return 22; }\n"),
                "content, same size, new time",
                lib -> {
                    FileTime placedAt = Files.getLastModifiedTime(lib.resolve("greet.c"));
                    Files.writeString(lib.resolve("greet.c"), "int greet(void) { return 2; }\n");
                    Files.setLastModifiedTime(lib.resolve("greet.c"), FileTime.fromMillis(placedAt.toMillis() + 1000));
                },
                "a file added",
                lib -> Files.writeString(lib.resolve("include/extra.h"), ""),
                "a file removed",
                lib -> Files.delete(lib.resolve("include/greet.h")),
                "a link changed (its trailing slash dropped)",
                lib -> SymbolicLinks.replace(lib.resolve("src"), "include"),
                "a mode changed",
                lib -> Files.setPosixFilePermissions(
                        lib.resolve("configure"), PosixFilePermissions.fromString("rw-r--r--")));
        for (Map.Entry<String, Edit> edit : edits.entrySet()) {
            Path project = placed(edit.getKey().replace(' ', '-') + "/p");
            edit.getValue().apply(project.resolve(".unikraft/libs/greet"));
            assertNotEquals(key, key(project), edit.getKey());
        }
    }

    private interface Edit {
        void apply(Path lib) throws IOException;
    }

    /** A project with a local core and library greet placed from the cache. */
    private Path placed(String at) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(at));
        Files.createDirectories(root.resolve("core"));
        Files.writeString(root.resolve("core/Makefile"), "all:\n");
        Files.writeString(
                root.resolve("Kraftfile"),
                "spec: v0.6\nname: hello\nunikraft: ./core\nlibraries:\n  greet: 1.0\ntargets: [qemu/x86_64]\n");
        Console quiet = QuietConsole.create();
        new ComponentPlacer(new CachedPackages(), quiet).placeAll(workdir(root), options());
        assertTrue(Files.isRegularFile(root.resolve(".unikraft/libs/.greet.seal")), "the placement is sealed");
        return root;
    }

    private static String key(Path root) throws IOException {
        Workdir workdir = workdir(root);
        TargetPlan plan = BuildPlanner.plan(workdir, workdir.project().targets(), options())
                .get(0);
        return ReuseKey.of(workdir, plan, Map.of("PATH", "/usr/bin:/bin"), List.of(), true)
                .orElseThrow();
    }

    private static Workdir workdir(Path root) {
        Project project =
                new KraftfileLoader(root, root, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        return new Workdir(project);
    }

    private static BuildOptions options() {
        return new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false);
    }

    /** Every version of greet is the one sealed tree, copied as the package manager copies. */
    private final class CachedPackages implements PackageManager {
        @Override
        public ResolvedPackage resolve(PackageRequest request) {
            return new ResolvedPackage(
                    request,
                    "https://example.org/greet.git",
                    "1.0",
                    "refs/tags/1.0",
                    "0123456789abcdef".repeat(2) + "01234567");
        }

        @Override
        public void copy(ResolvedPackage resolved, Path target) {
            try {
                SealedTree.copy(cached, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
