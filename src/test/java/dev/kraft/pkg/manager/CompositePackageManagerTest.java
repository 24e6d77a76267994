package dev.kraft.pkg.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.source.GitSsh;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import dev.kraft.unikraft.ComponentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositePackageManagerTest {
    private static final byte[] GREET = Tarballs.gzip()
            .directory("lib-greet-stable/")
            .file("lib-greet-stable/Config.uk", "config LIBGREET\n")
            .bytes();

    @TempDir
    Path tmp;

    private final FileServer server = FileServer.started();
    private final List<String> warnings = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private void index(String manifest) {
        server.serve(
                        "/index.yaml",
                        "manifests:\n- name: greet\n  type: lib\n  manifest: ./greet.yaml\n"
                                .getBytes(StandardCharsets.UTF_8))
                .serve("/greet.yaml", manifest.getBytes(StandardCharsets.UTF_8))
                .serve("/greet.tar.gz", GREET);
    }

    private CompositePackageManager manager(boolean offline) {
        return CompositePackageManager.create(
                tmp.resolve("manifests"),
                tmp.resolve("sources"),
                new Catalog.Settings(List.of(server.url("/index.yaml")), Duration.ofHours(24), offline),
                Clock.systemUTC(),
                () -> new GitSsh(tmp, Optional.empty()),
                new Notices(m -> {}, warnings::add, m -> {}));
    }

    private static PackageRequest lib(String name, String version) {
        return new PackageRequest(ComponentType.LIB, name, Optional.empty(), Optional.ofNullable(version));
    }

    @Test
    void aVerifiedArchiveResolvesToItsDigestAndOnceCachedNeedsNoNetwork() {
        index(
                "name: greet\ntype: lib\nchannels:\n- name: stable\n  default: true\n  resource: ./greet.tar.gz\n  sha256: "
                        + Tarballs.sha256(GREET) + "\n");
        ResolvedPackage resolved = manager(false).resolve(lib("greet", null));
        assertEquals("sha256:" + Tarballs.sha256(GREET), resolved.pin());
        assertEquals("stable", resolved.version());
        assertEquals(server.url("/greet.tar.gz"), resolved.source());
        assertEquals(2, server.requests(), "resolving reads the index, downloads nothing");
        assertTrue(Files.isRegularFile(manager(false).pull(resolved).tree().resolve("Config.uk")));
        int before = server.requests();
        CompositePackageManager offline = manager(true);
        assertTrue(Files.isRegularFile(
                offline.pull(offline.resolve(lib("greet", "stable"))).tree().resolve("Config.uk")));
        assertEquals(before, server.requests());
    }

    @Test
    void anUnverifiedArchiveIsTrustedOnFirstUseWithAWarning() {
        index(
                "name: greet\ntype: lib\nprovider: tarball\nchannels:\n- name: stable\n  default: true\n  resource: ./greet.tar.gz\n");
        ResolvedPackage resolved = manager(false).resolve(lib("greet", null));
        assertEquals("sha256:" + Tarballs.sha256(GREET), resolved.pin());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("has no sha256 in its manifest"), warnings.get(0));
        assertEquals(resolved.pin(), manager(true).resolve(lib("greet", null)).pin(), "pinned: no network offline");
    }

    @Test
    void anUnverifiedPackageWithAGitOriginComesFromGitAtACommit() throws Exception {
        Path repo = tmp.resolve("lib-greet");
        String commit;
        try (Git git = Git.init()
                .setDirectory(repo.toFile())
                .setInitialBranch("stable")
                .call()) {
            Files.writeString(repo.resolve("Config.uk"), "config LIBGREET\n");
            git.add().addFilepattern(".").call();
            commit = git.commit()
                    .setMessage("greet")
                    .setSign(false)
                    .setAuthor("t", "t@t")
                    .setCommitter("t", "t@t")
                    .call()
                    .name();
        }
        index("name: greet\ntype: lib\nprovider: git\norigin: " + repo.toUri()
                + "\nchannels:\n- name: stable\n  default: true\n" + "  resource: ./greet.tar.gz\n");
        ResolvedPackage resolved = manager(false).resolve(lib("greet", null));
        assertEquals(commit, resolved.pin());
        assertTrue(Files.isRegularFile(manager(false).pull(resolved).tree().resolve("Config.uk")));
        assertEquals(0, server.requests("/greet.tar.gz"));
    }

    @Test
    void offlineNamesWhatWouldNeedTheNetwork() {
        KraftException noIndex =
                assertThrows(KraftException.class, () -> manager(true).resolve(lib("greet", null)));
        assertEquals(ExitCode.NOT_FOUND, noIndex.exitCode());
        assertEquals(Optional.of(Input.OFFLINE), noIndex.input());
        assertEquals(
                "lib/greet (default branch) comes from git https://github.com/unikraft/lib-greet.git,"
                        + " which was never listed here; there is no local package index yet ('kraft pkg update' online makes one)",
                noIndex.getMessage());
        index("name: greet\ntype: lib\nversions:\n- version: 0.1.0\n  resource: ./greet.tar.gz\n  sha256: "
                + Tarballs.sha256(GREET) + "\n");
        manager(false).catalog().update();
        CompositePackageManager offline = manager(true);
        ResolvedPackage resolved = offline.resolve(lib("greet", "0.1.0"));
        KraftException notCached = assertThrows(KraftException.class, () -> offline.pull(resolved));
        assertEquals(ExitCode.NOT_FOUND, notCached.exitCode());
        assertTrue(notCached.getMessage().startsWith("lib/greet 0.1.0 is not in the cache"), notCached.getMessage());
        assertEquals(2, server.requests());
    }
}
