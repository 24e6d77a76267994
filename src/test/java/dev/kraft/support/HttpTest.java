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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTest {
    private final Http http = new Http(Duration.ofSeconds(1));

    @TempDir
    Path tmp;

    @Test
    void aServerThatStallsMidBodyIsAnErrorNotAHang() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serveSlowly("/slow", new byte[4096], 1024, 5000);
            long start = System.nanoTime();
            KraftException e = assertThrows(KraftException.class,
                    () -> http.download(URI.create(server.url("/slow")), tmp.resolve("part"), 1 << 20));
            assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
            assertEquals("download of " + server.url("/slow") + " broke off after 1024 bytes: no data for 1 s", e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 4, "gave up after about the timeout");
        }
    }

    @Test
    void statusesOtherThan200AndOversizedBodiesAreErrors() throws Exception {
        try (FileServer server = new FileServer()) {
            server.serve("/big", new byte[2048]).serve("/ok", "fine".getBytes());
            KraftException missing = assertThrows(KraftException.class, () -> http.get(URI.create(server.url("/nope")), 100));
            assertEquals("GET " + server.url("/nope") + ": HTTP 404", missing.getMessage());
            KraftException big = assertThrows(KraftException.class, () -> http.get(URI.create(server.url("/big")), 1024));
            assertEquals(server.url("/big") + ": larger than 1024 bytes; refused", big.getMessage());
            assertArrayEquals("fine".getBytes(), http.get(URI.create(server.url("/ok")), 100));
        }
    }

    @Test
    void fileUrlsAreReadToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("index.yaml"), "manifests: []\n");
        assertEquals("manifests: []\n", new String(http.get(file.toUri(), 100)));
        KraftException e = assertThrows(KraftException.class, () -> http.get(tmp.resolve("none.yaml").toUri(), 100));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }
}
