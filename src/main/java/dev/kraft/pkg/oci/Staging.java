package dev.kraft.pkg.oci;

import dev.kraft.support.Digests;
import dev.kraft.support.FileLock;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where blobs wait until a whole image is there and verified: a directory of its own under
 * {@code ingest/}, locked while in use. A process killed mid-pull leaves only such a directory,
 * which the next one removes once nobody holds its lock; the store itself never sees a part.
 */
public final class Staging implements AutoCloseable {
    private final Path dir;
    private final FileLock lock;
    private final Map<String, Path> blobs = new LinkedHashMap<>();

    private Staging(Path dir, FileLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    static Staging open(Path ingest) throws IOException {
        Files.createDirectories(ingest);
        removeAbandoned(ingest);
        // The lock comes first, so no other process's clean-up can take the directory for abandoned.
        Path dir = ingest.resolve("stage-" + UUID.randomUUID());
        FileLock lock = FileLock.acquire(lockOf(dir));
        Files.createDirectory(dir);
        return new Staging(dir, lock);
    }

    /** Writes bytes as a blob-to-be and returns its descriptor. */
    public Descriptor add(
            String mediaType, byte[] content, Map<String, String> annotations, Optional<Descriptor.Platform> platform)
            throws IOException {
        Descriptor descriptor = Descriptor.of(mediaType, content, annotations, platform);
        Path file = dir.resolve(descriptor.hex());
        Files.write(file, content);
        blobs.put(descriptor.hex(), file);
        return descriptor;
    }

    /** Streams a blob in, hashing as it goes; refused (and not kept) unless it is the descriptor's content. */
    public void receive(Descriptor expected, InputStream in, String from) throws IOException {
        Path file = newFile();
        MessageDigest digest = Digests.sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            byte[] buffer = new byte[64 * 1024];
            // One byte past the expected size is enough to know it is wrong; a lying server cannot fill the disk.
            for (int n;
                    size <= expected.size()
                            && (n = in.read(buffer, 0, (int) Math.min(buffer.length, expected.size() + 1 - size)))
                                    >= 0; ) {
                out.write(buffer, 0, n);
                size += n;
            }
        }
        try {
            BlobStore.check(
                    expected,
                    size,
                    HexFormat.of().formatHex(digest.digest()),
                    "blob " + expected.digest() + " from " + from);
        } catch (RuntimeException e) {
            Files.delete(file);
            throw e;
        }
        Path named = dir.resolve(expected.hex());
        Files.move(file, named, StandardCopyOption.REPLACE_EXISTING);
        blobs.put(expected.hex(), named);
    }

    /**
     * Takes a blob the store already has by a hard link, so a removal that deletes it from the
     * store before this image is published cannot leave the image without it; false if it is gone.
     */
    public boolean reuse(BlobStore store, Descriptor blob) throws IOException {
        Path staged = dir.resolve(blob.hex());
        try {
            Files.createLink(staged, store.path(blob.hex()));
        } catch (NoSuchFileException gone) {
            return false;
        } catch (FileAlreadyExistsException already) {
            return true;
        }
        blobs.put(blob.hex(), staged);
        return true;
    }

    /** A staged blob's bytes (a config: small, and its size already checked). */
    byte[] read(Descriptor blob) throws IOException {
        return Files.readAllBytes(dir.resolve(blob.hex()));
    }

    /** A fresh file in the staging directory, for content written by others (a layer being built). */
    public Path newFile() throws IOException {
        return Files.createTempFile(dir, "part-", "");
    }

    /** Adopts a finished file of {@link #newFile()} as a blob under its own digest. */
    public Descriptor addFile(String mediaType, Path file, Map<String, String> annotations) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        blobs.put(hex, file);
        return new Descriptor(mediaType, "sha256:" + hex, Files.size(file), annotations, Optional.empty());
    }

    /** Moves every staged blob into the store. Called under the store's lock, after everything was verified. */
    void commitTo(BlobStore store) throws IOException {
        for (Map.Entry<String, Path> blob : blobs.entrySet()) {
            store.commit(blob.getValue(), blob.getKey());
        }
        blobs.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            MoreFiles.deleteTree(dir);
        } finally {
            lock.close();
            Files.deleteIfExists(lockOf(dir));
        }
    }

    private static Path lockOf(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".lock");
    }

    private static void removeAbandoned(Path ingest) throws IOException {
        try (Stream<Path> entries = Files.list(ingest)) {
            for (Path dir : entries.filter(Files::isDirectory).toList()) {
                Optional<FileLock> free = FileLock.tryAcquire(lockOf(dir));
                if (free.isPresent()) {
                    try (FileLock ignored = free.get()) {
                        MoreFiles.deleteTree(dir);
                    }
                    Files.deleteIfExists(lockOf(dir));
                }
            }
        }
    }
}
