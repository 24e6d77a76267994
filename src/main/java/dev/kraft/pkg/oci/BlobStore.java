package dev.kraft.pkg.oci;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Digests;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Content-addressed blobs, {@code blobs/sha256/<hex>} as in an OCI image layout. A blob gets
 * there only by an atomic rename after its bytes were hashed and matched their name, and is
 * read-only from then on, so a file under a digest is always that digest's content.
 */
public final class BlobStore {
    private final Path dir;

    BlobStore(Path dir) {
        this.dir = dir;
    }

    public Path path(String hex) {
        return dir.resolve(hex);
    }

    /** Moves a verified file in; if the blob is there already, the file is dropped. */
    void commit(Path file, String hex) throws IOException {
        Path target = path(hex);
        if (Files.exists(target)) {
            Files.delete(file);
            return;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        AtomicFiles.moveAtomically(file, target);
    }

    /** The blob's bytes, checked against its digest and size: a changed file in the store is an error, not an image. */
    public byte[] read(Descriptor descriptor) {
        Path file = path(descriptor.hex());
        try {
            if (!Files.isRegularFile(file)) {
                throw new KraftException(
                        ExitCode.NOT_FOUND,
                        "blob " + descriptor.digest() + " is missing from the local store " + dir
                                + "; pull the image again");
            }
            byte[] bytes = Files.readAllBytes(file);
            check(
                    descriptor,
                    bytes.length,
                    HexFormat.of().formatHex(Digests.sha256().digest(bytes)),
                    file.toString());
            return bytes;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hashes a stored blob, for large ones read by path rather than into memory. */
    public void verify(Descriptor descriptor) {
        Path file = path(descriptor.hex());
        MessageDigest digest = Digests.sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    "cannot read blob " + descriptor.digest() + " in " + dir + ": " + e.getMessage(),
                    e);
        }
        check(descriptor, size, HexFormat.of().formatHex(digest.digest()), file.toString());
    }

    /** A digest or size other than the descriptor's is refused, naming both. */
    static void check(Descriptor descriptor, long size, String hex, String where) {
        if (!hex.equals(descriptor.hex()) || size != descriptor.size()) {
            throw new KraftException(
                    ExitCode.VERIFY_FAILED,
                    where + ": expected " + descriptor.digest() + " (" + descriptor.size() + " bytes), got sha256:"
                            + hex + " (" + size + " bytes); refused");
        }
    }

    List<String> all() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    void delete(String hex) throws IOException {
        Files.deleteIfExists(path(hex));
    }
}
