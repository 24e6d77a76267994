package dev.kraft.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A .tar.gz made from a description, one entry per line, so the hostile archives of the corpus
 * are text a reviewer can read: {@code dir NAME}, {@code file NAME CONTENT}, {@code zeros NAME
 * COUNT}, {@code symlink NAME TARGET}, {@code hardlink NAME TARGET}, {@code device NAME},
 * {@code fifo NAME}; {@code cut N} keeps the first N bytes of the result; {@code text CONTENT} is
 * the whole "archive" instead. Names may hold {@code \e}, {@code \a} and {@code \n}.
 */
public final class HostileArchive {
    private HostileArchive() {}

    public static byte[] of(String description) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int cut = -1;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String line : description.split("\n")) {
                String[] word = line.split(" ", 3);
                switch (word[0]) {
                    case "dir" -> add(tar, new TarArchiveEntry(name(word[1])), new byte[0]);
                    case "file" ->
                        add(tar, new TarArchiveEntry(name(word[1]), true), word[2].getBytes(StandardCharsets.UTF_8));
                    case "zeros" -> zeros(tar, name(word[1]), Long.parseLong(word[2]));
                    case "symlink" -> add(tar, link(word[1], TarConstants.LF_SYMLINK, word[2]), new byte[0]);
                    case "hardlink" -> add(tar, link(word[1], TarConstants.LF_LINK, word[2]), new byte[0]);
                    case "device" ->
                        add(tar, new TarArchiveEntry(name(word[1]), TarConstants.LF_BLK, true), new byte[0]);
                    case "fifo" ->
                        add(tar, new TarArchiveEntry(name(word[1]), TarConstants.LF_FIFO, true), new byte[0]);
                    case "cut" -> cut = Integer.parseInt(word[1]);
                    case "text" -> {
                        return line.substring(5).getBytes(StandardCharsets.UTF_8);
                    }
                    default -> throw new IllegalArgumentException("unknown line in an archive description: " + line);
                }
            }
        }
        byte[] whole = bytes.toByteArray();
        return cut < 0 ? whole : Arrays.copyOf(whole, cut);
    }

    private static String name(String written) {
        return written.replace("\\e", "\u001b").replace("\\a", "\u0007").replace("\\n", "\n");
    }

    private static TarArchiveEntry link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name(name), type, true);
        entry.setLinkName(target);
        return entry;
    }

    private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setModTime(0);
        entry.setSize(entry.isFile() && !entry.isLink() && !entry.isSymbolicLink() ? content.length : 0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** A file of zeros, written in chunks: a bomb of hundreds of megabytes needs no such array. */
    private static void zeros(TarArchiveOutputStream tar, String name, long count) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setModTime(0);
        entry.setSize(count);
        tar.putArchiveEntry(entry);
        byte[] chunk = new byte[1 << 20];
        OutputStream out = tar;
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        tar.closeArchiveEntry();
    }
}
