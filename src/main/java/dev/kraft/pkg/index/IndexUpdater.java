package dev.kraft.pkg.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Http;
import dev.kraft.support.KraftException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches manifests from the configured sources: an index URL or file, a single manifest, or a
 * directory holding {@code index.yaml}. Manifest paths and relative {@code resource}s are
 * resolved against the document that names them, so the local copy works wherever it lives.
 * All or nothing: one unreachable or broken source fails the update, and the caller keeps the
 * old local index.
 */
public final class IndexUpdater {
    private static final long MAX_DOCUMENT = 16L << 20;
    private static final int MAX_POINTERS = 4;
    private final Http http;

    public IndexUpdater(Http http) {
        this.http = http;
    }

    /** Every manifest the sources offer; for a name offered twice, the earlier source wins. */
    public List<Manifest> fetch(List<String> sources) {
        Map<String, Manifest> merged = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "kraft-index");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (String source : sources) {
                for (Manifest m : fromSource(location(source), pool)) {
                    merged.putIfAbsent(m.qualifiedName(), m);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(merged.values());
    }

    private List<Manifest> fromSource(URI location, ExecutorService pool) {
        JsonNode document = ManifestYaml.tree(get(location), location.toString());
        if (!ManifestYaml.isIndex(document)) {
            return List.of(manifest(location, document, 0));
        }
        List<Future<Manifest>> pending = new ArrayList<>();
        for (ManifestIndex.Entry entry :
                ManifestYaml.index(document, location.toString()).manifests()) {
            URI at = location.resolve(entry.manifest());
            pending.add(pool.submit(() -> manifest(at, ManifestYaml.tree(get(at), at.toString()), 0)));
        }
        List<Manifest> manifests = new ArrayList<>();
        for (Future<Manifest> future : pending) {
            try {
                manifests.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KraftException k
                        ? k
                        : new KraftException(
                                ExitCode.FETCH_FAILED, "reading " + location + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KraftException(ExitCode.INTERRUPTED, "interrupted while updating the package index");
            }
        }
        return manifests;
    }

    private Manifest manifest(URI location, JsonNode document, int depth) {
        Optional<String> pointer = ManifestYaml.pointer(document);
        if (pointer.isPresent()) {
            if (depth >= MAX_POINTERS) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT,
                        location + ": more than " + MAX_POINTERS + " manifest: pointers in a row");
            }
            URI next = location.resolve(pointer.get());
            return manifest(next, ManifestYaml.tree(get(next), next.toString()), depth + 1);
        }
        Manifest m = ManifestYaml.manifest(document, location.toString());
        return new Manifest(
                m.name(),
                m.type(),
                m.description(),
                m.origin(),
                m.provider(),
                m.channels().stream()
                        .map(c -> new Manifest.Channel(
                                c.name(), c.isDefault(), c.latest(), absolute(location, c.resource()), c.sha256()))
                        .toList(),
                m.versions().stream()
                        .map(v -> new Manifest.Version(
                                v.version(), v.type(), v.unikraft(), absolute(location, v.resource()), v.sha256()))
                        .toList());
    }

    private static String absolute(URI base, String resource) {
        try {
            return resource.isEmpty() || URI.create(resource).isAbsolute()
                    ? resource
                    : base.resolve(resource).toString();
        } catch (IllegalArgumentException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, base + ": resource \"" + resource + "\" is not a URL");
        }
    }

    private String get(URI location) {
        return new String(http.get(location, MAX_DOCUMENT), StandardCharsets.UTF_8);
    }

    /** A source as written in config.yaml: a URL, or a path to a file or to a directory with index.yaml. */
    static URI location(String source) {
        if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || source.startsWith("file:")) {
            return URI.create(source);
        }
        Path path = Path.of(source).toAbsolutePath().normalize();
        return (Files.isDirectory(path) ? path.resolve("index.yaml") : path).toUri();
    }
}
