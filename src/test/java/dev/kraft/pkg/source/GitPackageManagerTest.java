package dev.kraft.pkg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.Notices;
import dev.kraft.support.Progress;
import dev.kraft.unikraft.ComponentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered refs against a real local repository: which resolves ask the remote, and which do not. */
class GitPackageManagerTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private Path repo() {
        return tmp.resolve("lib-greet");
    }

    /** Spelled by hand: a Path's URI gains a trailing slash while the directory exists. */
    private String url() {
        return "file://" + repo();
    }

    private String commit(String file) throws Exception {
        Path repo = repo();
        try (Git git = Files.isDirectory(repo.resolve(".git"))
                ? Git.open(repo.toFile())
                : Git.init()
                        .setDirectory(repo.toFile())
                        .setInitialBranch("stable")
                        .call()) {
            Files.writeString(repo.resolve(file), file + "\n");
            git.add().addFilepattern(".").call();
            return git.commit()
                    .setMessage(file)
                    .setSign(false)
                    .setAuthor("t", "t@t")
                    .setCommitter("t", "t@t")
                    .call()
                    .name();
        }
    }

    private GitPackageManager manager(Duration maxAge, boolean offline) {
        return new GitPackageManager(
                tmp.resolve("sources"),
                maxAge,
                offline,
                Clock.systemUTC(),
                new Notices(m -> {}, warnings::add, m -> {}),
                () -> new GitSsh(tmp, Optional.empty()));
    }

    private PackageRequest request(String version) {
        return new PackageRequest(ComponentType.LIB, "greet", Optional.of(url()), Optional.ofNullable(version));
    }

    /** Takes the remote away, so that any attempt to list it fails. */
    private void removeRemote() throws Exception {
        MoreFiles.deleteTree(repo());
    }

    @Test
    void refsListedWithinTheMaximumAgeAnswerWithoutTheRemote() throws Exception {
        String first = commit("a");
        assertEquals(
                first,
                manager(Duration.ofHours(1), false).resolve(request("stable")).pin());
        commit("b");
        assertEquals(
                first,
                manager(Duration.ofHours(1), false).resolve(request("stable")).pin(),
                "remembered, not asked");
        assertEquals(
                first,
                manager(Duration.ofHours(1), false).resolve(request(null)).pin(),
                "the default branch too");
    }

    @Test
    void staleRefsAskTheRemoteAndSeeAMovedBranch() throws Exception {
        commit("a");
        manager(Duration.ZERO, false).resolve(request("stable"));
        String moved = commit("b");
        assertEquals(
                moved, manager(Duration.ZERO, false).resolve(request("stable")).pin());
    }

    @Test
    void aVersionTheRememberedRefsLackAsksTheRemote() throws Exception {
        commit("a");
        manager(Duration.ofHours(1), false).resolve(request("stable"));
        String tagged = commit("b");
        try (Git git = Git.open(repo().toFile())) {
            git.tag().setName("v0.2.0").setAnnotated(false).call();
        }
        assertEquals(
                tagged,
                manager(Duration.ofHours(1), false).resolve(request("0.2.0")).pin());
    }

    @Test
    void pkgUpdateForgetsRememberedRefs() throws Exception {
        commit("a");
        GitPackageManager manager = manager(Duration.ofHours(1), false);
        manager.resolve(request("stable"));
        String moved = commit("b");
        assertEquals(1, manager.forgetRefs());
        assertEquals(
                moved,
                manager(Duration.ofHours(1), false).resolve(request("stable")).pin());
    }

    @Test
    void offlineResolvesFromRememberedRefsWhateverTheirAge() throws Exception {
        String first = commit("a");
        manager(Duration.ZERO, false).resolve(request("stable"));
        removeRemote();
        assertEquals(
                first, manager(Duration.ZERO, true).resolve(request("stable")).pin());
        KraftException missing = assertThrows(
                KraftException.class, () -> manager(Duration.ZERO, true).resolve(request("v9")));
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertEquals(Optional.of(Input.OFFLINE), missing.input());
        assertTrue(missing.getMessage().startsWith("lib/greet v9 comes from git "), missing.getMessage());
    }

    @Test
    void anUnreachableRemoteFallsBackToItsRememberedRefsWithAWarning() throws Exception {
        String first = commit("a");
        manager(Duration.ZERO, false).resolve(request("stable"));
        removeRemote();
        assertEquals(
                first, manager(Duration.ZERO, false).resolve(request("stable")).pin());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("cannot list " + url()), warnings::toString);
    }

    @Test
    void aCachedCommitResolvesWithoutAnyListing() throws Exception {
        String first = commit("a");
        GitPackageManager online = manager(Duration.ZERO, false);
        ResolvedPackage resolved = online.resolve(request(first.substring(0, 12)));
        assertTrue(Files.isRegularFile(online.fetch(resolved).resolve("a")));
        removeRemote();
        assertEquals(
                first.substring(0, 12),
                manager(Duration.ZERO, true)
                        .resolve(request(first.substring(0, 12)))
                        .pin());
        assertEquals(
                first.substring(0, 12),
                manager(Duration.ZERO, false)
                        .resolve(request(first.substring(0, 12)))
                        .pin());
    }

    /** Links are judged by where they resolve in the checkout, as an archive's: a chain of links that climbs out is refused. */
    @Test
    void aRepositoryWhoseLinksLeadOutOfItIsRefusedAndNothingIsCached() throws Exception {
        Path repo = Files.createDirectories(repo().resolve("a"));
        Files.createSymbolicLink(repo.resolve("b"), Path.of(".."));
        Files.createSymbolicLink(repo().resolve("up"), Path.of("a/b/.."));
        Files.createSymbolicLink(repo().resolve("inside"), Path.of("a/"));
        String pin = commit("x").substring(0, 12);
        GitPackageManager manager = manager(Duration.ZERO, false);
        ResolvedPackage resolved = manager.resolve(request(pin));

        KraftException refused = assertThrows(KraftException.class, () -> manager.fetch(resolved));

        assertEquals(ExitCode.VERIFY_FAILED, refused.exitCode());
        assertTrue(
                refused.getMessage()
                        .endsWith(
                                "unsafe repository: entry \"up\" is a symbolic link to a/b/.., which leads outside the repository; refused"),
                refused.getMessage());
        try (var cached = Files.walk(tmp.resolve("sources"))) {
            assertTrue(
                    cached.noneMatch(p -> p.getFileName().toString().startsWith(pin) && Files.isDirectory(p)),
                    "nothing of the commit is cached");
        }
    }

    @Test
    void aCloneShowsTheBytesItReceived() throws Exception {
        byte[] noise = new byte[256 * 1024];
        new Random(5).nextBytes(noise);
        Files.write(Files.createDirectories(repo()).resolve("noise.bin"), noise);
        commit("a");
        List<String> labels = new ArrayList<>();
        List<Long> received = new ArrayList<>();
        Notices notices = new Notices(m -> {}, warnings::add, m -> {}, (label, unit) -> {
            labels.add(label + " " + unit);
            return new Progress() {
                @Override
                public void update(long done, long total) {
                    received.add(done);
                }

                @Override
                public void close() {}
            };
        });
        GitPackageManager manager = new GitPackageManager(
                tmp.resolve("sources"),
                Duration.ZERO,
                false,
                Clock.systemUTC(),
                notices,
                () -> new GitSsh(tmp, Optional.empty()));
        assertTrue(Files.isRegularFile(
                manager.fetch(manager.resolve(request("stable"))).resolve("noise.bin")));
        assertEquals(List.of("cloning " + url() + " stable BYTES"), labels);
        assertTrue(
                received.stream().anyMatch(n -> n >= noise.length), "the pack's bytes, the noise in it: " + received);
    }
}
