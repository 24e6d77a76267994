package dev.kraft.pkg.cache;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Http;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.SafeUnpacker;
import dev.kraft.support.SealedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * One download into the store, done by the holder of the key's lock: everything happens in
 * {@code tmp/} under names that start with the key, and only a verified, fully unpacked entry
 * is renamed into {@code sha256/}. Whatever fails or is killed leaves no visible trace.
 */
final class Ingest {
    private static final long MAX_DOWNLOAD = 4L << 30;
    private final Path root;
    private final Http http;
    private final SafeUnpacker.Limits limits;
    private final Clock clock;

    Ingest(Path root, Http http, SafeUnpacker.Limits limits, Clock clock) {
        this.root = root;
        this.http = http;
        this.limits = limits;
        this.clock = clock;
    }

    /** Downloads, verifies and unpacks in tmp/, then renames the finished entry into place. */
    ArchiveStore.Fetched download(ArchiveStore.Request request, String key) throws IOException {
        Path tmp = root.resolve("tmp");
        Path part = Files.createTempFile(tmp, key + ".", ".part");
        Path staging = MoreFiles.createStagingDirectory(tmp, key + ".");
        try {
            Http.Download download = http.download(request.url(), part, MAX_DOWNLOAD, request.label());
            if (request.sha256().isPresent() && !request.sha256().get().equals(download.sha256())) {
                throw new KraftException(
                        ExitCode.VERIFY_FAILED,
                        request.label() + ": " + request.url() + " has sha256 " + download.sha256()
                                + ", the manifest says " + request.sha256().get() + "; nothing was kept");
            }
            Path entry = root.resolve("sha256").resolve(download.sha256());
            if (!Files.isDirectory(entry.resolve("tree"))) {
                Files.createDirectory(staging.resolve("tree"));
                try {
                    SafeUnpacker.unpack(part, staging.resolve("tree"), 1, limits);
                } catch (KraftException e) {
                    throw new KraftException(
                            e.exitCode(), request.label() + " (" + request.url() + "): " + e.getMessage(), e);
                }
                SealedTree.seal(staging.resolve("tree"), staging.resolve("tree.seal"));
                EntryInfo.write(
                        staging,
                        new EntryInfo(
                                request.label(),
                                request.url().toString(),
                                download.sha256(),
                                download.size(),
                                clock.instant()));
                publish(staging, entry);
            }
            if (request.sha256().isEmpty()) {
                Pins.write(root, request.url(), new Pins.Pin(download.sha256(), clock.instant()));
            }
            return new ArchiveStore.Fetched(download.sha256(), entry.resolve("tree"), download.size());
        } finally {
            Files.deleteIfExists(part);
            MoreFiles.deleteTree(staging);
        }
    }

    /** Renames the staging directory to the entry; an entry someone else published first wins. */
    private static void publish(Path staging, Path entry) throws IOException {
        try {
            AtomicFiles.moveAtomically(staging, entry);
        } catch (IOException e) {
            if (!Files.isDirectory(entry.resolve("tree"))) {
                throw e;
            }
        }
    }
}
