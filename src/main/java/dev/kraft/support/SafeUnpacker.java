package dev.kraft.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks tar (plain, gzip, xz, bzip2) and zip archives, told apart by their first bytes, into
 * a directory through {@link SafeTree}, which refuses every entry that would land outside it
 * and every link that would lead out of it. Device files and FIFOs are refused too. A refused
 * archive leaves a partial tree behind: callers unpack into a staging directory they delete on
 * failure.
 */
public final class SafeUnpacker {
    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** OCI's whiteouts: {@code .wh.NAME} deletes NAME from the layers below, {@code .wh..wh..opq} all of its directory. */
    private static final String WHITEOUT = ".wh.";

    private static final String OPAQUE = ".wh..wh..opq";

    /**
     * Caps against decompression bombs: entries, bytes unpacked (a source tree of Unikraft's
     * world is tens of megabytes; Unikraft itself 15 MB), and bytes unpacked per byte of archive
     * once past {@link SafeTree#RATIO_FLOOR} (source text compresses 5 to 15 times; a bomb a
     * thousand times).
     */
    public record Limits(long maxEntries, long maxBytes, long maxRatio) {
        public static final Limits SOURCES = new Limits(500_000, 512L << 20, 100);
        /** A root filesystem from container images: gigabytes are normal there. */
        public static final Limits ROOT_FILESYSTEM = new Limits(2_000_000, 8L << 30, 100);
    }

    private SafeUnpacker() {}

    /** Unpacks archive into the empty dest, dropping the first strip components of each name (GitHub's top directory). */
    public static void unpack(Path archive, Path dest, int strip, Limits limits) throws IOException {
        SafeTree tree = new SafeTree(dest, SafeTree.Options.sources(strip, limits));
        tree.measureAgainst(Files.size(archive));
        byte[] magic;
        try (InputStream in = Files.newInputStream(archive)) {
            magic = in.readNBytes(6);
        }
        if (startsWith(magic, ZIP)) {
            try {
                unzip(archive, tree);
            } catch (SourceStream.Failure e) {
                throw corrupt(e);
            }
            tree.finish();
            return;
        }
        try (InputStream raw = Files.newInputStream(archive)) {
            apply(raw, tree);
        }
    }

    /**
     * Applies a tar stream (plain, gzip, xz or bzip2) onto the tree, entry by entry, as a layer
     * goes onto the layers below it; then judges the tree's links ({@link SafeTree#finish}).
     */
    public static void apply(InputStream archive, SafeTree tree) throws IOException {
        InputStream raw = new BufferedInputStream(archive, 64 * 1024);
        raw.mark(6);
        byte[] magic = raw.readNBytes(6);
        raw.reset();
        try {
            InputStream plain = startsWith(magic, GZIP)
                    ? GzipCompressorInputStream.builder()
                            .setInputStream(raw)
                            .setDecompressConcatenated(true)
                            .get()
                    : startsWith(magic, XZ)
                            ? new XZCompressorInputStream(raw)
                            : startsWith(magic, BZIP2) ? new BZip2CompressorInputStream(raw, true) : raw;
            untar(new BufferedInputStream(SourceStream.of(plain), 64 * 1024), tree);
        } catch (SourceStream.Failure e) {
            throw corrupt(e);
        }
        tree.finish();
    }

    /** Reading the archive failed: it is cut short or damaged (the disk's failures are plain IOExceptions). */
    private static KraftException corrupt(IOException e) {
        return new KraftException(
                ExitCode.VERIFY_FAILED, "the archive is truncated or corrupt: " + Network.reason(e), e);
    }

    static KraftException tooLarge(String entry, String why) {
        return new KraftException(
                ExitCode.VERIFY_FAILED, "unsafe archive: at entry " + Quoted.of(entry) + ", " + why + "; refused");
    }

    static KraftException refused(String entry, String why) {
        return refused("archive", entry, why);
    }

    /** {@code what}: the kind of tree the entry is in (an archive, a repository). */
    static KraftException refused(String what, String entry, String why) {
        return new KraftException(
                ExitCode.VERIFY_FAILED, "unsafe " + what + ": entry " + Quoted.of(entry) + " is " + why + "; refused");
    }

    private static void untar(InputStream in, SafeTree tree) throws IOException {
        in.mark(512);
        byte[] header = in.readNBytes(512);
        in.reset();
        if (!TarArchiveInputStream.matches(header, header.length)) {
            throw new KraftException(ExitCode.VERIFY_FAILED, "not a tar, tar.gz, tar.xz, tar.bz2 or zip archive");
        }
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        SourceStream content = SourceStream.of(tar);
        for (TarArchiveEntry entry; (entry = next(tar)) != null; ) {
            String name = entry.getName();
            String base = name.replaceAll("/+$", "");
            base = base.substring(base.lastIndexOf('/') + 1);
            if (tree.options().whiteouts() && base.startsWith(WHITEOUT)) {
                String dir = name.substring(0, name.lastIndexOf('/') + 1);
                if (base.equals(OPAQUE)) {
                    tree.removeChildren(dir.isEmpty() ? "." : dir);
                } else {
                    tree.remove(dir + base.substring(WHITEOUT.length()));
                }
            } else if (entry.isDirectory()) {
                tree.directory(name, entry.getMode());
            } else if (entry.isSymbolicLink()) {
                tree.symlink(name, entry.getLinkName());
            } else if (entry.isLink()) {
                tree.hardlink(name, entry.getLinkName());
            } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                throw refused(name, "a device file");
            } else if (entry.isFIFO()) {
                throw refused(name, "a FIFO");
            } else if (entry.isFile() && !entry.isSparse()) {
                tree.file(name, content, entry.getMode());
            } else {
                throw refused(name, "of a kind kraft does not unpack");
            }
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (SourceStream.Failure e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private static void unzip(Path archive, SafeTree tree) throws IOException {
        ZipFile opened;
        try {
            opened = ZipFile.builder().setPath(archive).get();
        } catch (IOException e) {
            throw corrupt(e);
        }
        try (ZipFile zip = opened) {
            for (Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder(); all.hasMoreElements(); ) {
                ZipArchiveEntry entry = all.nextElement();
                try (InputStream content = SourceStream.of(zip.getInputStream(entry))) {
                    if (entry.isDirectory()) {
                        tree.directory(entry.getName(), 0755);
                    } else if (entry.isUnixSymlink()) {
                        tree.symlink(entry.getName(), new String(content.readNBytes(4096), StandardCharsets.UTF_8));
                    } else {
                        tree.file(entry.getName(), content, entry.getUnixMode());
                    }
                }
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
