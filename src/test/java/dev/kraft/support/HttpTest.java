package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.FileServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTest {
    private final Http http = new Http(Duration.ofSeconds(1), Retry.ONCE, Notices.NONE);

    @TempDir
    Path tmp;

    @Test
    void aServerThatStallsMidBodyIsAnErrorNotAHang() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serveSlowly("/slow", new byte[4096], 1024, 5000);
            long start = System.nanoTime();
            KraftException e = assertThrows(
                    KraftException.class,
                    () -> http.download(URI.create(server.url("/slow")), tmp.resolve("part"), 1 << 20, "slow"));
            assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
            assertEquals(
                    "download of " + server.url("/slow") + " broke off after 1024 bytes: no data for 1 s",
                    e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 4, "gave up after about the timeout");
        }
    }

    @Test
    void statusesOtherThan200AndOversizedBodiesAreErrors() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/big", new byte[2048]).serve("/ok", "fine".getBytes());
            KraftException missing =
                    assertThrows(KraftException.class, () -> http.get(URI.create(server.url("/nope")), 100));
            assertEquals("GET " + server.url("/nope") + ": HTTP 404", missing.getMessage());
            KraftException big =
                    assertThrows(KraftException.class, () -> http.get(URI.create(server.url("/big")), 1024));
            assertEquals(server.url("/big") + ": larger than 1024 bytes; refused", big.getMessage());
            assertArrayEquals("fine".getBytes(), http.get(URI.create(server.url("/ok")), 100));
        }
    }

    @Test
    void fileUrlsAreReadToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("index.yaml"), "manifests: []\n");
        assertEquals("manifests: []\n", new String(http.get(file.toUri(), 100)));
        KraftException e = assertThrows(
                KraftException.class, () -> http.get(tmp.resolve("none.yaml").toUri(), 100));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }

    /** A client that retries quickly, its warnings and progress kept. */
    private final List<String> warnings = new ArrayList<>();

    private final List<Long> reported = new ArrayList<>();
    private final Http retrying = new Http(
            Duration.ofSeconds(2),
            new Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2)),
            new Notices(m -> {}, warnings::add, m -> {}, (label, unit) -> new Progress() {
                @Override
                public void update(long done, long total) {
                    reported.add(done);
                }

                @Override
                public void close() {}
            }));

    private static byte[] noise(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aDownloadCutOffIsResumedWithRangesAndIsWhole() throws Exception {
        byte[] body = noise(256 * 1024);
        try (FileServer server = new FileServer()) {
            server.serve("/a.tar.gz", body)
                    .validated("/a.tar.gz", "v1")
                    .failFirst("/a.tar.gz", FileServer.Fault.CUT, FileServer.Fault.CUT, FileServer.Fault.CUT);
            Http.Download download =
                    retrying.download(URI.create(server.url("/a.tar.gz")), tmp.resolve("a"), 1 << 20, "lib/a 1.0");
            assertArrayEquals(body, Files.readAllBytes(tmp.resolve("a")));
            assertEquals(HexFormat.of().formatHex(Digests.sha256().digest(body)), download.sha256());
            // Each cut sends half of what is left; the reset may take the last few bytes in flight with it.
            List<String> ranges = server.ranges("/a.tar.gz");
            assertEquals(
                    4,
                    ranges.size(),
                    "each attempt asks for the rest only; progress resets the count of failures in a row: " + ranges);
            assertEquals("", ranges.get(0));
            long previous = 0;
            for (String range : ranges.subList(1, ranges.size())) {
                assertTrue(range.matches("bytes=\\d+-"), ranges::toString);
                long from = Long.parseLong(range.substring(6, range.length() - 1));
                assertTrue(from > previous && from <= previous + (body.length - previous) / 2, ranges::toString);
                previous = from;
            }
            assertEquals(3, warnings.size(), warnings::toString);
            assertTrue(
                    warnings.get(0).startsWith("GET " + server.url("/a.tar.gz") + ": ")
                            && warnings.get(0)
                                    .contains("after "
                                            + ranges.get(1)
                                                    .substring(6, ranges.get(1).length() - 1)
                                            + " bytes; trying again in 10 ms"),
                    warnings::toString);
            assertEquals(body.length, reported.get(reported.size() - 1), "the progress saw every byte once");
        }
    }

    @Test
    void busyServersAreAskedAgainAfterTheirRetryAfter() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/index.yaml", "manifests: []\n".getBytes())
                    .failFirst("/index.yaml", FileServer.Fault.TOO_MANY, FileServer.Fault.UNAVAILABLE);
            long start = System.nanoTime();
            assertEquals("manifests: []\n", new String(retrying.get(URI.create(server.url("/index.yaml")), 100)));
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "429's Retry-After: 1 was honoured");
            assertEquals(3, server.requests("/index.yaml"));
            assertEquals(
                    List.of(
                            "GET " + server.url("/index.yaml") + ": HTTP 429; trying again in 1 s",
                            "GET " + server.url("/index.yaml") + ": HTTP 503; trying again in 20 ms"),
                    warnings);
        }
    }

    @Test
    void aServerThatStaysBusyIsGivenUpOnSayingHowOftenItWasTried() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/x", new byte[10])
                    .failFirst(
                            "/x",
                            FileServer.Fault.UNAVAILABLE,
                            FileServer.Fault.UNAVAILABLE,
                            FileServer.Fault.UNAVAILABLE,
                            FileServer.Fault.UNAVAILABLE);
            KraftException e =
                    assertThrows(KraftException.class, () -> retrying.get(URI.create(server.url("/x")), 100));
            assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
            assertEquals("GET " + server.url("/x") + ": HTTP 503 (tried 3 times)", e.getMessage());
        }
    }

    @Test
    void withoutAValidatorABodyThatBrokeOffIsNotSplicedFromAnotherAnswer() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/x", noise(4096)).failFirst("/x", FileServer.Fault.CUT);
            KraftException e =
                    assertThrows(KraftException.class, () -> retrying.get(URI.create(server.url("/x")), 1 << 20));
            assertTrue(
                    e.getMessage().matches("download of " + server.url("/x") + " broke off after \\d+ bytes: .*"),
                    e.getMessage());
            assertEquals(1, server.requests("/x"));
        }
    }

    @Test
    void aFileThatChangedBetweenAttemptsIsAnErrorNotASplice() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/x", noise(4096)).validated("/x", "v1").failFirst("/x", FileServer.Fault.CUT);
            // The file changes upstream between the cut and the next attempt (when the retry is announced).
            Http changing = new Http(
                    Duration.ofSeconds(2),
                    new Retry(3, Duration.ofMillis(10), Duration.ofSeconds(2)),
                    new Notices(m -> {}, m -> server.serve("/x", noise(5000)).validated("/x", "v2"), m -> {}));
            KraftException e =
                    assertThrows(KraftException.class, () -> changing.get(URI.create(server.url("/x")), 1 << 20));
            assertTrue(
                    e.getMessage().endsWith("the content changed while it was downloading; run again"), e.getMessage());
            assertEquals(2, server.ranges("/x").size());
            assertTrue(server.ranges("/x").get(1).matches("bytes=[1-9]\\d*-"), server.ranges("/x")::toString);
        }
    }
}
