package dev.kraft.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Tar archives for tests: of a real directory (under one top directory, as GitHub serves them),
 * or entry by entry. Timestamps are zero, so the same input gives the same bytes and sha256.
 */
public final class Tarballs {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    private Tarballs(boolean gzip) {
        try {
            tar = new TarArchiveOutputStream(gzip ? new GzipCompressorOutputStream(bytes) : bytes);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Tarballs gzip() {
        return new Tarballs(true);
    }

    public static Tarballs plain() {
        return new Tarballs(false);
    }

    /** A .tar.gz of dir, every path under top/. */
    public static byte[] of(Path dir, String top) throws IOException {
        Tarballs t = gzip().directory(top + "/");
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        for (Path p : paths) {
            String name = top + "/" + dir.relativize(p);
            if (Files.isDirectory(p)) {
                t.directory(name + "/");
            } else {
                t.file(name, Files.readAllBytes(p), Files.isExecutable(p) ? 0755 : 0644);
            }
        }
        return t.bytes();
    }

    public Tarballs directory(String name) {
        return add(new TarArchiveEntry(name), new byte[0]);
    }

    public Tarballs file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public Tarballs file(String name, byte[] content, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(mode);
        return add(entry, content);
    }

    public Tarballs symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    public Tarballs hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return add(entry, new byte[0]);
    }

    public Tarballs special(String name, byte type) {
        return add(new TarArchiveEntry(name, type, true), new byte[0]);
    }

    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tarballs add(TarArchiveEntry entry, byte[] content) {
        entry.setModTime(0);
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
