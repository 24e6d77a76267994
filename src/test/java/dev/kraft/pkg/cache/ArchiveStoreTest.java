package dev.kraft.pkg.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Http;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.support.SafeUnpacker;
import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStoreTest {
    private static final byte[] TAR = Tarballs.gzip()
            .directory("lib-x-1.0/")
            .file("lib-x-1.0/Makefile.uk", "# x\n")
            .file("lib-x-1.0/big.bin", new byte[256 * 1024], 0644)
            .bytes();
    private static final String SHA = Tarballs.sha256(TAR);

    @TempDir
    Path sources;

    private final FileServer server = FileServer.started();

    @AfterEach
    void stop() {
        server.close();
    }

    private ArchiveStore store() {
        return new ArchiveStore(
                sources,
                new Http(Duration.ofSeconds(10), Retry.ONCE, Notices.NONE),
                SafeUnpacker.Limits.SOURCES,
                Clock.systemUTC());
    }

    private static ArchiveStore.Request request(String url, Optional<String> sha) {
        return new ArchiveStore.Request("lib/x 1.0", URI.create(url), sha, Instant.EPOCH);
    }

    /** Everything under the store's root except lock files, which are meant to stay. */
    private List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(sources)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> sources.relativize(p).toString())
                    .filter(p -> !p.startsWith("archives/locks/"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void fetchesOnceAndThenServesFromTheCacheWithoutNetwork() {
        server.serve("/x.tar.gz", TAR);
        ArchiveStore.Fetched first = store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), false);
        assertEquals(TAR.length, first.downloaded());
        assertTrue(Files.isRegularFile(first.tree().resolve("Makefile.uk")));
        assertEquals(sources.resolve("archives/sha256/" + SHA + "/tree"), first.tree());
        ArchiveStore.Fetched again = store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), true);
        assertEquals(0, again.downloaded());
        assertEquals(1, server.requests());
        assertEquals(
                List.of("lib/x 1.0"),
                store().entries().stream().map(EntryInfo::label).toList());
    }

    @Test
    void aWrongSha256IsAnErrorAndNothingIsKept() throws IOException {
        server.serve("/x.tar.gz", TAR);
        String other = "0".repeat(64);
        KraftException e = assertThrows(
                KraftException.class, () -> store().fetch(request(server.url("/x.tar.gz"), Optional.of(other)), false));
        assertEquals(ExitCode.VERIFY_FAILED, e.exitCode());
        assertEquals(
                "lib/x 1.0: " + server.url("/x.tar.gz") + " has sha256 " + SHA + ", the manifest says " + other
                        + "; nothing was kept",
                e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void aTruncatedDownloadIsAnErrorAndNothingIsKept() throws IOException {
        server.serveTruncated("/x.tar.gz", TAR, TAR.length / 2);
        KraftException e = assertThrows(
                KraftException.class, () -> store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), false));
        assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("download of " + server.url("/x.tar.gz") + " broke off after "),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of(), files());
    }

    @Test
    void anUnreachableServerIsAnError() {
        String url = server.url("/x.tar.gz");
        server.close();
        KraftException e =
                assertThrows(KraftException.class, () -> store().fetch(request(url, Optional.of(SHA)), false));
        assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
        assertEquals(Optional.of(Input.ONLINE), e.input(), "the CLI says how to work offline");
        assertEquals(
                "cannot reach " + url.substring(7, url.indexOf("/x"))
                        + " (connection refused: nothing listens there, or a firewall says no) to fetch " + url,
                e.getMessage());
    }

    @Test
    void offlineWithAnEmptyCacheNamesWhatIsMissing() throws IOException {
        KraftException e = assertThrows(
                KraftException.class, () -> store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), true));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals(Optional.of(Input.OFFLINE), e.input());
        assertEquals(
                "lib/x 1.0 is not in the cache (sha256 " + SHA + "); it comes from " + server.url("/x.tar.gz"),
                e.getMessage());
        assertEquals(0, server.requests());
        assertEquals(List.of(), files());
    }

    @Test
    void leftoversOfKilledProcessesAreSwept() throws IOException {
        Path tmp = Files.createDirectories(sources.resolve("archives/tmp"));
        Files.writeString(tmp.resolve(SHA + ".123.part"), "half a download");
        Files.createDirectories(tmp.resolve("url-abc.456/tree"));
        server.serve("/x.tar.gz", TAR);
        store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), false);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void eightThreadsDownloadOnce() throws Exception {
        server.serveSlowly("/x.tar.gz", TAR, 16 * 1024, 5);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ArchiveStore.Fetched>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> store().fetch(request(server.url("/x.tar.gz"), Optional.of(SHA)), false)));
        }
        for (Future<ArchiveStore.Fetched> result : results) {
            assertTrue(
                    Files.isRegularFile(result.get(60, TimeUnit.SECONDS).tree().resolve("Makefile.uk")));
        }
        pool.shutdown();
        assertEquals(1, server.requests("/x.tar.gz"));
    }

    @Test
    void eightProcessesDownloadOnce() throws Exception {
        server.serveSlowly("/x.tar.gz", TAR, 16 * 1024, 20);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            FetchOnce.class.getName(),
                            sources.toString(),
                            server.url("/x.tar.gz"),
                            SHA)
                    .redirectErrorStream(true)
                    .start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.exitValue(), output);
            assertEquals(sources.resolve("archives/sha256/" + SHA + "/tree").toString(), output.strip());
        }
        assertEquals(1, server.requests("/x.tar.gz"));
    }

    @Test
    void anUnverifiedArchiveIsPinnedByUrlUntilThePinIsTooOld() {
        server.serve("/x.tar.gz", TAR);
        Instant before = Instant.now().minusSeconds(60);
        ArchiveStore.Request unverified =
                new ArchiveStore.Request("lib/x stable", URI.create(server.url("/x.tar.gz")), Optional.empty(), before);
        assertEquals(SHA, store().fetch(unverified, false).sha256());
        assertEquals(SHA, store().fetch(unverified, true).sha256(), "a fresh pin needs no network");
        assertEquals(1, server.requests());
        ArchiveStore.Request moved = new ArchiveStore.Request(
                "lib/x stable",
                unverified.url(),
                Optional.empty(),
                Instant.now().plusSeconds(60));
        store().fetch(moved, false);
        assertEquals(2, server.requests(), "a pin older than the index is checked again");
    }
}
