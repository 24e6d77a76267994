package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store of whole builds: what a restore writes, in what order of time, and what it refuses. */
class ReusedBuildsTest {
    private static final String KEY = "k".repeat(64);

    @TempDir
    Path tmp;

    @Test
    void aRestoreNamesTheNewProjectKeepsObjectsAsTheyAreAndMakeOrder() throws Exception {
        TargetPlan first = builtProject(tmp.resolve("first/p"));
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"));
        assertTrue(builds.store(KEY, workdir(tmp.resolve("first/p")), first));
        assertFalse(builds.store(KEY, workdir(tmp.resolve("first/p")), first), "kept once");

        Path second = tmp.resolve("second/at/another/depth/p");
        TargetPlan plan = plan(second);
        Instant inputsRead = Instant.now();
        assertTrue(builds.restore(KEY, workdir(second), plan, inputsRead));
        Path out = plan.outdir();
        assertEquals(
                "x.o: " + second + "/x.c " + tmp.resolve("first/p") + "-other/y.h\n",
                Files.readString(out.resolve("lib/x.d")),
                "a whole path is rewritten, never the start of a longer name");
        assertEquals(
                second + "/.unikraft/unikraft/Makefile",
                Files.readSymbolicLink(out.resolve("Makefile")).toString());
        assertArrayEquals(
                Files.readAllBytes(first.outdir().resolve("lib/x.o")), Files.readAllBytes(out.resolve("lib/x.o")));
        assertTrue(Files.readString(plan.configFile()).contains("CONFIG_UK_APP=\"" + second + "\""));
        FileTime config = Files.getLastModifiedTime(plan.configFile());
        FileTime depends = Files.getLastModifiedTime(out.resolve("lib/x.d"));
        FileTime object = Files.getLastModifiedTime(out.resolve("lib/x.o"));
        assertTrue(config.compareTo(depends) < 0 && depends.compareTo(object) < 0, "make's order is kept");
        assertTrue(object.toInstant().isBefore(inputsRead), "a source edited since is newer");
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().startsWith(".reuse-"))
                            .toList());
        }
    }

    @Test
    void anEditedEntryIsNeverRestoredAndIsDropped() throws Exception {
        TargetPlan first = builtProject(tmp.resolve("first/p"));
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"));
        builds.store(KEY, workdir(tmp.resolve("first/p")), first);
        Path object = tmp.resolve("builds").resolve(KEY).resolve("tree/out/lib/x.o");
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(object, new byte[] {1, 0, 2});

        Path second = tmp.resolve("second/p");
        assertFalse(builds.restore(KEY, workdir(second), plan(second), Instant.now()));
        assertFalse(Files.exists(tmp.resolve("builds").resolve(KEY)));
        assertFalse(Files.exists(plan(second).configFile()));
        assertFalse(builds.restore(KEY, workdir(second), plan(second), Instant.now()), "and gone");
    }

    @Test
    void aBuildIsKeptByHardLinksLeftAsItIsAndRestoredAsCopies() throws Exception {
        TargetPlan first = builtProject(tmp.resolve("first/p"));
        Path object = first.outdir().resolve("lib/x.o");
        String modes = PosixFilePermissions.toString(Files.getPosixFilePermissions(object));
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"));
        assertTrue(builds.store(KEY, workdir(tmp.resolve("first/p")), first));
        Path kept = tmp.resolve("builds").resolve(KEY).resolve("tree/out/lib/x.o");
        assertTrue(Files.isSameFile(object, kept), "linked, not copied");
        assertEquals(modes, PosixFilePermissions.toString(Files.getPosixFilePermissions(object)), "modes untouched");

        Path second = tmp.resolve("second/p");
        TargetPlan plan = plan(second);
        assertTrue(builds.restore(KEY, workdir(second), plan, Instant.now()));
        Path restored = plan.outdir().resolve("lib/x.o");
        assertFalse(Files.isSameFile(kept, restored), "a restore copies: the new project never shares the keep");
        assertArrayEquals(Files.readAllBytes(object), Files.readAllBytes(restored));
    }

    @Test
    void anObjectTheFirstProjectRewritesInPlaceIsNeverRestored() throws Exception {
        TargetPlan first = builtProject(tmp.resolve("first/p"));
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"));
        builds.store(KEY, workdir(tmp.resolve("first/p")), first);
        // What gcc and as do when make compiles again: truncate the object and write it anew.
        Files.write(first.outdir().resolve("lib/x.o"), "\u007fELF\0\0other".getBytes(StandardCharsets.UTF_8));

        Path second = tmp.resolve("second/p");
        assertFalse(builds.restore(KEY, workdir(second), plan(second), Instant.now()), "make builds it instead");
        assertFalse(Files.exists(tmp.resolve("builds").resolve(KEY)), "the entry is dropped");
        assertFalse(Files.exists(plan(second).configFile()));
    }

    @Test
    void whereNoLinkCanBeMadeTheBuildIsCopied() throws Exception {
        TargetPlan first = builtProject(tmp.resolve("first/p"));
        byte[] built = Files.readAllBytes(first.outdir().resolve("lib/x.o"));
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"), (link, existing) -> {
            throw new FileSystemException(link.toString(), existing.toString(), "Invalid cross-device link");
        });
        assertTrue(builds.store(KEY, workdir(tmp.resolve("first/p")), first));
        Path kept = tmp.resolve("builds").resolve(KEY).resolve("tree/out/lib/x.o");
        assertFalse(Files.isSameFile(first.outdir().resolve("lib/x.o"), kept));
        Files.write(first.outdir().resolve("lib/x.o"), "\u007fELF\0\0other".getBytes(StandardCharsets.UTF_8));

        Path second = tmp.resolve("second/p");
        TargetPlan plan = plan(second);
        assertTrue(builds.restore(KEY, workdir(second), plan, Instant.now()), "the copy is the first build's still");
        assertArrayEquals(built, Files.readAllBytes(plan.outdir().resolve("lib/x.o")));
    }

    @Test
    void projectsStoringTheSameBuildAtOnceLeaveOneWholeEntry() throws Exception {
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            roots.add(tmp.resolve("p" + i + "/p"));
            builtProject(roots.get(i));
        }
        ReusedBuilds builds = new ReusedBuilds(tmp.resolve("builds"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> stores = new ArrayList<>();
            for (Path root : roots) {
                stores.add(pool.submit((Callable<Boolean>) () -> builds.store(KEY, workdir(root), plan(root))));
            }
            int stored = 0;
            for (Future<Boolean> store : stores) {
                stored += store.get() ? 1 : 0;
            }
            assertTrue(stored >= 1, "one of them stored it");
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> entries = Files.list(tmp.resolve("builds"))) {
            assertEquals(
                    List.of(KEY), entries.map(p -> p.getFileName().toString()).toList());
        }
        Path other = tmp.resolve("other/p");
        assertTrue(builds.restore(KEY, workdir(other), plan(other), Instant.now()));
    }

    /** A project whose build dir holds what a build leaves: a dependency list and a link naming it, an object. */
    private TargetPlan builtProject(Path root) throws IOException {
        TargetPlan plan = plan(root);
        Path out = plan.outdir();
        Files.createDirectories(out.resolve("lib"));
        Files.createDirectories(out.resolve(".kraft"));
        Files.writeString(out.resolve(".kraft/build.log"), "not kept");
        long time = System.currentTimeMillis() - 60_000;
        Files.writeString(plan.configFile(), "CONFIG_UK_APP=\"" + root + "\"\n");
        Files.setLastModifiedTime(plan.configFile(), FileTime.fromMillis(time));
        Files.writeString(out.resolve("lib/x.d"), "x.o: " + root + "/x.c " + root + "-other/y.h\n");
        Files.setLastModifiedTime(out.resolve("lib/x.d"), FileTime.fromMillis(time + 1000));
        Files.write(out.resolve("lib/x.o"), ("\u007fELF\0\0" + root + "/x.c\0").getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(out.resolve("lib/x.o"), FileTime.fromMillis(time + 2000));
        Files.createSymbolicLink(out.resolve("Makefile"), root.resolve(".unikraft/unikraft/Makefile"));
        return plan;
    }

    private static Workdir workdir(Path root) throws IOException {
        Files.createDirectories(root.resolve("core"));
        Path kraftfile = root.resolve("Kraftfile");
        if (!Files.exists(kraftfile)) {
            Files.writeString(
                    kraftfile, "spec: v0.6\nname: hello\nunikraft:\n  source: ./core\ntargets: [qemu/x86_64]\n");
        }
        Project project =
                new KraftfileLoader(root, root, Map.of(), warning -> {}).load(Optional.empty(), Optional.empty());
        return new Workdir(project);
    }

    private static TargetPlan plan(Path root) throws IOException {
        Workdir workdir = workdir(root);
        BuildOptions options =
                new BuildOptions(false, false, false, false, Optional.empty(), Optional.empty(), Map.of(), false);
        return BuildPlanner.plan(workdir, workdir.project().targets(), options).get(0);
    }
}
