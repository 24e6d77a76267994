package dev.kraft.pkg.cache;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Digests;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Http;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.SafeUnpacker;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Archives unpacked once per content, under {@code <sources>/archives/sha256/<hex>/tree}.
 * A download goes to {@code tmp/} under a lock per key, is checked against the sha256 the
 * manifest promises, unpacked there, and renamed into place whole: an entry that exists is
 * complete and verified, so a hit costs no lock and no network. A process killed at any
 * moment leaves only files in {@code tmp/}, which the next holder of that key's lock (or of
 * any lock nobody holds) deletes.
 */
public final class ArchiveStore {
    private final Path root;
    private final Ingest ingest;

    /**
     * An archive to fetch. Without a sha256, the content is trusted on first use and pinned by
     * URL; a pin older than {@code pinnedSince} is not trusted any more (a channel may move).
     */
    public record Request(String label, URI url, Optional<String> sha256, Instant pinnedSince) {}

    /** A complete entry; {@code downloaded} is 0 when the cache already held it. */
    public record Fetched(String sha256, Path tree, long downloaded) {}

    public ArchiveStore(Path sourcesDir, Http http, SafeUnpacker.Limits limits, Clock clock) {
        this.root = sourcesDir.resolve("archives");
        this.ingest = new Ingest(root, http, limits, clock);
    }

    public Path root() {
        return root;
    }

    /** The unpacked tree of a complete entry. */
    public Optional<Path> lookup(String sha256) {
        Path tree = root.resolve("sha256").resolve(sha256).resolve("tree");
        return Files.isDirectory(tree) ? Optional.of(tree) : Optional.empty();
    }

    /** The entry a URL was last pinned to, if pinned since the given time and still cached. */
    public Optional<String> pinned(URI url, Instant since) {
        return Pins.read(root, url)
                .filter(pin -> !pin.at().isBefore(since))
                .map(Pins.Pin::sha256)
                .filter(s -> lookup(s).isPresent());
    }

    public Fetched fetch(Request request, boolean offline) {
        Optional<String> known = request.sha256().or(() -> pinned(request.url(), request.pinnedSince()));
        Optional<Path> hit = known.flatMap(this::lookup);
        if (hit.isPresent()) {
            return new Fetched(known.get(), hit.get(), 0);
        }
        if (offline) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    Input.OFFLINE,
                    "",
                    request.label() + " is not in the cache"
                            + request.sha256().map(s -> " (sha256 " + s + ")").orElse("") + "; it comes from "
                            + request.url());
        }
        String key = request.sha256()
                .orElseGet(() -> "url-" + Digests.sha256(request.url().toString()));
        try {
            Files.createDirectories(root.resolve("locks"));
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("sha256"));
            try (FileLock lock = FileLock.acquire(root.resolve("locks").resolve(key + ".lock"))) {
                known = request.sha256().or(() -> pinned(request.url(), request.pinnedSince()));
                hit = known.flatMap(this::lookup);
                if (hit.isPresent()) {
                    return new Fetched(known.get(), hit.get(), 0);
                }
                Sweeper.sweep(root, key);
                return ingest.download(request, key);
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "caching " + request.label() + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every complete entry, with what it holds. */
    public List<EntryInfo> entries() {
        try {
            return EntryInfo.list(root);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes an entry: renamed out of sight first, so nobody sees it half deleted. */
    public boolean remove(String sha256) {
        Path entry = root.resolve("sha256").resolve(sha256);
        if (!Files.isDirectory(entry)) {
            return false;
        }
        try (FileLock lock = FileLock.acquire(root.resolve("locks").resolve(sha256 + ".lock"))) {
            Path doomed = Files.createTempDirectory(root.resolve("tmp"), sha256 + ".");
            AtomicFiles.moveAtomically(entry, doomed.resolve("entry"));
            MoreFiles.deleteTree(doomed);
            return true;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove " + entry + ": " + e.getMessage(), e);
        }
    }
}
