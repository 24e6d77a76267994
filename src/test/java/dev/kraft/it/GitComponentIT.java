package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Components from git: the core served from a local repository, at a tag, a branch and a commit. */
class GitComponentIT {
    @TempDir
    Path tmp;

    private Path projectWithCoreFromGit(String version) throws Exception {
        return projectWithCoreFrom(upstream -> upstream.toUri().toString(), version);
    }

    /** The test core as a repository (tag v1.0) at tmp/upstream/unikraft, and a project taking it from source(that path). */
    private Path projectWithCoreFrom(Function<Path, String> source, String version) throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path upstream = tmp.resolve("upstream/unikraft");
        Files.createDirectories(upstream.getParent());
        Files.move(project.resolve("core"), upstream);
        Git.commitAll(upstream, "core");
        Git.run(upstream, "tag", "-a", "v1.0", "-m", "release 1.0");
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("source: ./core", "source: " + source.apply(upstream) + "\n  version: " + version));
        return project;
    }

    /** A bare copy of the upstream repository at tmp/served/unikraft.git, for the servers. */
    private void bareCopy(Path upstream) throws Exception {
        Git.run(
                Files.createDirectories(tmp.resolve("served")),
                "clone",
                "-q",
                "--bare",
                upstream.toString(),
                "unikraft.git");
    }

    /** A project whose core is tag v1.0 at url (a copy of the upstream served there) builds, naming the commit and the source. */
    private void buildsV1From(String url) throws Exception {
        buildsV1From(url, url);
    }

    /** As {@link #buildsV1From(String)}, the Kraftfile naming {@code source} and kraft naming the remote {@code url}. */
    private void buildsV1From(String source, String url) throws Exception {
        Path upstream = tmp.resolve("upstream/unikraft");
        Path project = projectWithCoreFrom(dir -> source, "v1.0");
        bareCopy(upstream);
        KraftCli.Result build = new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        assertTrue(
                build.err()
                        .contains("resolved unikraft v1.0 to "
                                + Git.run(upstream, "rev-parse", "v1.0^{commit}")
                                        .substring(0, 12) + " source=" + url),
                build::toString);
        assertTrue(Files.isRegularFile(project.resolve(".unikraft/build/hello_qemu-x86_64")), build::toString);
    }

    @Test
    void buildsWithTheCoreFromAGitDaemon() throws Exception {
        try (GitDaemon daemon = GitDaemon.serve(Files.createDirectories(tmp.resolve("served")))) {
            buildsV1From(daemon.url("unikraft.git"));
        }
    }

    /** Git's smart HTTP protocol, served by git http-backend: how GitHub and GitLab serve https:// remotes. */
    @Test
    void buildsWithTheCoreOverHttp() throws Exception {
        try (GitHttpServer server = new GitHttpServer(Files.createDirectories(tmp.resolve("served")))) {
            buildsV1From(server.url("unikraft.git"));
            assertTrue(server.requests() >= 2, "listed and cloned over HTTP");
        }
    }

    /** A path to a bare repository cannot be used in place: it is the remote, as file:// is. */
    @Test
    void aPathToABareRepositoryIsAGitRemote() throws Exception {
        Path bare = tmp.resolve("served/unikraft.git");
        buildsV1From(bare.toString(), bare.toUri().toString().replaceFirst("/$", ""));
    }

    @Test
    void buildsWithTheCoreFromAGitTag() throws Exception {
        Path project = projectWithCoreFromGit("v1.0");
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        KraftCli.Result build = kraft.run(project, "build");
        assertEquals(0, build.exit(), build::toString);
        String tagged = Git.run(tmp.resolve("upstream/unikraft"), "rev-parse", "v1.0^{commit}");
        assertTrue(build.err().contains("resolved unikraft v1.0 to " + tagged.substring(0, 12)), build::toString);
        assertTrue(
                Files.isRegularFile(project.resolve(".unikraft/unikraft/Makefile")),
                "the core is placed where KraftKit puts it");

        KraftCli.Result boot = Qemu.boot(project.resolve(".unikraft/build/hello_qemu-x86_64"), tmp, "");
        assertEquals(83, boot.exit(), boot::toString);
        assertTrue(boot.out().contains("Hello from hello"), boot::toString);
        assertTrue(boot.out().contains("lib: libgreet"), boot::toString);
    }

    @Test
    void aMovedBranchIsSeenWhenTheRemoteIsAskedAgainAndBothCommitsStayCached() throws Exception {
        Path project = projectWithCoreFromGit("main");
        Path upstream = tmp.resolve("upstream/unikraft");
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        KraftCli.Result first = kraft.run(project, "build");
        assertEquals(0, first.exit(), first::toString);
        String before = Git.run(upstream, "rev-parse", "HEAD");

        Files.writeString(upstream.resolve("NEW-FILE"), "moved on\n");
        String moved = Git.commitAll(upstream, "move main");
        KraftCli.Result remembered = kraft.run(project, "build");
        assertEquals(0, remembered.exit(), remembered::toString);
        assertTrue(
                remembered.err().contains("resolved unikraft main to " + before.substring(0, 12)),
                "within unikraft.index_max_age the remembered refs answer: " + remembered);

        KraftCli.Result again = kraft.run(project, "build", "--force-pull");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("resolved unikraft main to " + moved.substring(0, 12)), again::toString);
        assertTrue(
                Files.isRegularFile(project.resolve(".unikraft/unikraft/NEW-FILE")),
                "the placed tree follows the branch");
        try (var remotes = Files.list(kraft.home().resolve(".local/share/kraftkit/sources/git"))) {
            Path remote = remotes.findFirst().orElseThrow();
            assertTrue(
                    Files.isDirectory(remote.resolve(before)) && Files.isDirectory(remote.resolve(moved)),
                    "both commits stay cached");
        }
    }

    @Test
    void aMovedTagIsSeenOnceRefsAreOlderThanTheMaximumAge() throws Exception {
        Path project = projectWithCoreFromGit("v1.0");
        Path upstream = tmp.resolve("upstream/unikraft");
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve("home")));
        assertEquals(0, kraft.run(project, "build").exit());

        Files.writeString(upstream.resolve("RETAGGED"), "v1.0 again\n");
        String retagged = Git.commitAll(upstream, "fix the release");
        Git.run(upstream, "tag", "-f", "-a", "v1.0", "-m", "release 1.0, again");
        KraftCli.Result again =
                kraft.with("KRAFTKIT_UNIKRAFT_INDEX_MAX_AGE", "0").run(project, "build");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("resolved unikraft v1.0 to " + retagged.substring(0, 12)), again::toString);
        assertTrue(
                Files.isRegularFile(project.resolve(".unikraft/unikraft/RETAGGED")), "the placed tree follows the tag");
    }

    @Test
    void anUnknownVersionIsNamed() throws Exception {
        Path project = projectWithCoreFromGit("v9.9");
        KraftCli.Result build = new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(project, "build");
        assertEquals(6, build.exit(), build::toString);
        assertTrue(
                build.err().contains("unikraft: version \"v9.9\" is not a branch, tag or commit of file:"),
                build::toString);
        assertTrue(!Files.exists(project.resolve(".unikraft/unikraft")), "nothing half-placed");
    }

    /** What kraft places is what git checks out: links as written (a trailing slash, two slashes), modes, the same short commit id. */
    @Test
    void aPlacedCoreIsWhatGitCloneChecksOut() throws Exception {
        Path project = Projects.copyHelloLocal(tmp);
        Path upstream = tmp.resolve("upstream/unikraft");
        Files.createDirectories(upstream.getParent());
        Files.move(project.resolve("core"), upstream);
        Git.commitAll(upstream, "core");
        Files.createSymbolicLink(upstream.resolve("support/scripts.d"), Path.of("scripts"));
        Files.setPosixFilePermissions(
                upstream.resolve("support/scripts/syncconfig.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                upstream.resolve("README.md"), "a second commit, so there is history\n", StandardOpenOption.APPEND);
        Git.commitAll(upstream, "links");
        // Java cannot create these targets; git can.
        Git.run(upstream, "rm", "-q", "support/scripts.d");
        Git.run(
                upstream,
                "-c",
                "core.symlinks=true",
                "update-index",
                "--add",
                "--cacheinfo",
                "120000",
                Git.hashObject(upstream, "scripts/"),
                "support/scripts.d");
        Git.run(
                upstream,
                "update-index",
                "--add",
                "--cacheinfo",
                "120000",
                Git.hashObject(upstream, "..//lib/"),
                "plat/lib.d");
        Git.run(upstream, "commit", "-q", "-m", "exact links");
        Git.run(upstream, "checkout", "-q", "--", ".");
        Git.run(upstream, "tag", "v1.0");
        Path kraftfile = project.resolve("Kraftfile");
        Files.writeString(
                kraftfile,
                Files.readString(kraftfile)
                        .replace("source: ./core", "source: " + upstream.toUri() + "\n  version: v1.0"));

        KraftCli.Result build = new KraftCli(Files.createDirectories(tmp.resolve("home"))).run(project, "build");
        assertEquals(0, build.exit(), build::toString);

        Path placed = project.resolve(".unikraft/unikraft");
        Git.run(tmp, "clone", "-q", "--single-branch", "--branch", "v1.0", upstream.toString(), "clone");
        Path clone = tmp.resolve("clone");
        assertEquals(describe(clone), describe(placed));
        assertEquals(
                "scripts/",
                Files.readSymbolicLink(placed.resolve("support/scripts.d")).toString());
        assertEquals("", Git.run(placed, "status", "--porcelain"), "git sees nothing changed");
        assertEquals(Git.run(clone, "rev-parse", "--short", "HEAD"), Git.run(placed, "rev-parse", "--short", "HEAD"));
        assertEquals(
                Git.run(clone, "rev-list", "--count", "HEAD"),
                Git.run(placed, "rev-list", "--count", "HEAD"),
                "the whole history, as git clone");
    }

    /** Every entry of a tree but .git: kind, exact link target or content digest, executable bit. */
    private static SortedMap<String, String> describe(Path tree) throws Exception {
        SortedMap<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path entry :
                    walk.filter(p -> !tree.relativize(p).startsWith(".git")).toList()) {
                String what = Files.isSymbolicLink(entry)
                        ? "link " + Files.readSymbolicLink(entry)
                        : Files.isDirectory(entry)
                                ? "dir"
                                : "file " + Arrays.hashCode(Files.readAllBytes(entry))
                                        + (Files.isExecutable(entry) ? " x" : "");
                entries.put(tree.relativize(entry).toString(), what);
            }
        }
        return entries;
    }
}
