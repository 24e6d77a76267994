package dev.kraft.pkg.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Http;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.testing.FileServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    private static final String INDEX = """
            manifests:
            - name: unikraft
              type: core
              manifest: ./unikraft.yaml
            - name: greet
              type: lib
              manifest: ./libs/greet.yaml
            """;
    private static final String CORE =
            "name: unikraft\ntype: core\nversions:\n- version: 0.1.0\n  resource: ./core-0.1.0.tar.gz\n  sha256: "
                    + "c".repeat(64) + "\n";
    private static final String GREET =
            "name: greet\ntype: lib\nchannels:\n- name: stable\n  default: true\n  resource: ../greet.tar.gz\n";

    @TempDir
    Path manifests;

    private FileServer server;
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = new FileServer()
                .serve("/index.yaml", bytes(INDEX))
                .serve("/unikraft.yaml", bytes(CORE))
                .serve("/libs/greet.yaml", bytes(GREET));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Catalog catalog(boolean offline) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new Catalog(
                new LocalIndex(manifests),
                new IndexUpdater(new Http(Duration.ofSeconds(5), Retry.ONCE, Notices.NONE)),
                new Catalog.Settings(List.of(server.url("/index.yaml")), Duration.ofHours(24), offline),
                clock,
                new Notices(m -> {}, warnings::add, m -> {}));
    }

    @Test
    void writesKraftKitsLayoutWithAbsoluteResources() throws IOException {
        catalog(false).update();
        String index = Files.readString(manifests.resolve("index.yaml"));
        assertTrue(index.contains("manifest: ./unikraft.yaml") && index.contains("manifest: ./libs/greet.yaml"), index);
        assertTrue(index.contains("last_updated: 2030-01-01T00:00:00Z"), index);
        Manifest greet = new LocalIndex(manifests).find("lib", "greet").orElseThrow();
        assertEquals(
                server.url("/greet.tar.gz"),
                greet.channel("stable").orElseThrow().resource());
        assertEquals(
                server.url("/core-0.1.0.tar.gz"),
                new LocalIndex(manifests)
                        .find("core", "unikraft")
                        .orElseThrow()
                        .version("0.1.0")
                        .orElseThrow()
                        .resource());
    }

    @Test
    void aFreshIndexCostsNoRequestAndAnOldOneIsRefreshed() {
        assertTrue(catalog(false).find("lib", "greet", Optional.empty()).isPresent());
        assertEquals(3, server.requests());
        now = now.plus(Duration.ofHours(23));
        assertTrue(catalog(false).find("lib", "greet", Optional.of("stable")).isPresent());
        assertEquals(3, server.requests(), "younger than 24h: no network");
        now = now.plus(Duration.ofHours(2));
        catalog(false).find("lib", "greet", Optional.empty());
        assertEquals(6, server.requests(), "older than 24h: refreshed");
    }

    @Test
    void aMissingVersionRefreshesOncePerRun() {
        catalog(false).update();
        Catalog catalog = catalog(false);
        catalog.find("lib", "greet", Optional.of("0.2.0"));
        catalog.find("lib", "greet", Optional.of("0.3.0"));
        assertEquals(6, server.requests());
        assertTrue(catalog(false).find("lib", "nosuch", Optional.of("1.0")).isEmpty());
        assertEquals(6, server.requests(), "an unknown package is no reason to refresh: it may come from git");
    }

    @Test
    void offlineNeverAsks() {
        assertTrue(catalog(true).find("lib", "greet", Optional.empty()).isEmpty());
        KraftException e =
                assertThrows(KraftException.class, () -> catalog(true).update());
        assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
        assertEquals(0, server.requests());
    }

    @Test
    void anIndexThatIsNotYamlChangesNothing() throws IOException {
        catalog(false).update();
        String before = Files.readString(manifests.resolve("index.yaml"));
        server.serve("/index.yaml", bytes("<!DOCTYPE html>\n<html><body>Gateway timeout</body></html>\n"));
        KraftException e =
                assertThrows(KraftException.class, () -> catalog(false).update());
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals(
                server.url("/index.yaml") + ": not a manifest index or manifest (expected a YAML mapping)",
                e.getMessage());
        assertEquals(before, Files.readString(manifests.resolve("index.yaml")));
    }

    @Test
    void anUnreachableSourceFailsTheUpdateButAnOldIndexStillServes() {
        catalog(false).update();
        String url = server.url("/index.yaml");
        server.close();
        KraftException e =
                assertThrows(KraftException.class, () -> catalog(false).update());
        assertEquals(ExitCode.FETCH_FAILED, e.exitCode());
        assertEquals(
                "cannot reach " + url.substring(7, url.indexOf("/index"))
                        + " (connection refused: nothing listens there, or a firewall" + " says no) to fetch " + url,
                e.getMessage());
        now = now.plus(Duration.ofDays(3));
        assertTrue(catalog(false).find("lib", "greet", Optional.empty()).isPresent());
        assertEquals(1, warnings.size());
        assertTrue(
                warnings.get(0)
                        .startsWith("cannot update the package index, using the one from 2030-01-01T00:00:00Z: "),
                warnings.get(0));
    }

    @Test
    void aManifestThatIsMissingFailsTheUpdate() {
        server.remove("/libs/greet.yaml");
        KraftException e =
                assertThrows(KraftException.class, () -> catalog(false).update());
        assertEquals("GET " + server.url("/libs/greet.yaml") + ": HTTP 404", e.getMessage());
    }
}
