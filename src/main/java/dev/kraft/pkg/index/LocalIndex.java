package dev.kraft.pkg.index;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local copy of the package index in {@code <data>/manifests}, laid out as KraftKit lays
 * it out: {@code index.yaml} naming one file per manifest ({@code unikraft.yaml} for the core,
 * {@code libs/<name>.yaml}, {@code apps/<name>.yaml}). A rewrite puts the manifests first and
 * the index last, each file atomically, so a reader sees the old index or the new one whole.
 */
public final class LocalIndex {
    private final Path dir;
    /** index.yaml as last read or written by this process: one command asks for it several times. */
    private Optional<ManifestIndex> loaded;

    public LocalIndex(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public synchronized Optional<ManifestIndex> index() {
        if (loaded == null) {
            Path file = dir.resolve("index.yaml");
            loaded = Files.isRegularFile(file)
                    ? Optional.of(ManifestYaml.index(ManifestYaml.tree(read(file), file.toString()), file.toString()))
                    : Optional.empty();
        }
        return loaded;
    }

    /** When the index was last written; empty when there is none. */
    public Optional<Instant> lastUpdated() {
        return index().map(i -> {
            try {
                return Instant.parse(i.lastUpdated());
            } catch (DateTimeParseException e) {
                return Instant.EPOCH;
            }
        });
    }

    public Optional<Manifest> find(String type, String name) {
        return index().flatMap(i -> i.manifests().stream()
                        .filter(e -> e.type().equals(type) && e.name().equals(name))
                        .findFirst())
                .map(this::load);
    }

    public List<Manifest> all() {
        return index().map(i -> i.manifests().stream().map(this::load).toList()).orElse(List.of());
    }

    /** Replaces the local index with these manifests, and removes the files it no longer names. */
    public void write(List<Manifest> manifests, Instant now) {
        try {
            Files.createDirectories(dir);
            try (FileLock lock = FileLock.acquire(dir.resolve(".index.lock"))) {
                synchronized (this) {
                    loaded = null; // another process may have written it since: read it under the lock
                }
                Set<String> before = new HashSet<>();
                index().ifPresent(i -> i.manifests().forEach(e -> before.add(e.manifest())));
                List<ManifestIndex.Entry> entries = new ArrayList<>();
                for (Manifest m : manifests.stream()
                        .sorted(Comparator.comparing(Manifest::type).thenComparing(Manifest::name))
                        .toList()) {
                    String relative = "./" + relativePath(m);
                    AtomicFiles.writeString(dir.resolve(relativePath(m)), ManifestWriter.write(m));
                    entries.add(new ManifestIndex.Entry(m.name(), m.type(), relative));
                    before.remove(relative);
                }
                ManifestIndex index = new ManifestIndex("", now.toString(), entries);
                AtomicFiles.writeString(dir.resolve("index.yaml"), ManifestWriter.write(index));
                synchronized (this) {
                    loaded = Optional.of(index);
                }
                for (String stale : before) {
                    Path file = dir.resolve(stale).normalize();
                    if (file.startsWith(dir) && file.toString().endsWith(".yaml")) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot write the package index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** KraftKit's place for a manifest: the core at the top, other types in plural directories. */
    static String relativePath(Manifest m) {
        return m.type().equals("core") ? m.name() + ".yaml" : m.type() + "s/" + m.name() + ".yaml";
    }

    private Manifest load(ManifestIndex.Entry entry) {
        Path file = dir.resolve(entry.manifest()).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new KraftException(
                    ExitCode.STATE,
                    "the package index names " + entry.manifest() + ", which is missing; run 'kraft pkg update'");
        }
        return ManifestYaml.manifest(ManifestYaml.tree(read(file), file.toString()), file.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
