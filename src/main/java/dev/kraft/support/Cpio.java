package dev.kraft.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Packs a directory into a newc ("SVR4") CPIO archive, the initrd format Unikraft's vfscore
 * extracts. Entries are sorted, timestamps zeroed and owners root, so the same tree gives the
 * same bytes; modes (all twelve bits) and symbolic links are kept. Hard-linked files are
 * written as separate copies: Unikraft's extractor has no hard links, and would leave the
 * newc convention's empty first copies empty.
 */
public final class Cpio {
    private static final int MODE_BITS = 07777;

    private Cpio() {}

    /**
     * Writes the archive atomically; returns the names of entries it left out (sockets, FIFOs,
     * devices: nothing a unikernel's ramfs can hold), for the caller to mention.
     */
    public static List<String> packDirectory(Path dir, Path archive) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(dir)) {
            entries = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        List<String> skipped = new ArrayList<>();
        AtomicFiles.stream(archive, out -> {
            try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
                for (Path path : entries) {
                    pack(cpio, dir, path, skipped);
                }
            }
        });
        return skipped;
    }

    private static void pack(CpioArchiveOutputStream cpio, Path dir, Path path, List<String> skipped)
            throws IOException {
        String name = "./" + dir.relativize(path);
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & MODE_BITS;
        if (Files.isSymbolicLink(path)) {
            byte[] target = Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
            put(cpio, name, CpioConstants.C_ISLNK | 0777, target.length, 1);
            cpio.write(target);
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            put(cpio, name, CpioConstants.C_ISDIR | mode, 0, 2);
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            put(cpio, name, CpioConstants.C_ISREG | mode, Files.size(path), 1);
            Files.copy(path, cpio);
        } else {
            skipped.add(name);
            return;
        }
        cpio.closeArchiveEntry();
    }

    /** Whether the file is a newc CPIO archive that reads to its trailer without error. */
    public static boolean isNewc(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(6);
            String magic = new String(in.readNBytes(6), StandardCharsets.US_ASCII);
            if (!magic.equals("070701") && !magic.equals("070702")) {
                return false;
            }
            in.reset();
            try (CpioArchiveInputStream cpio = new CpioArchiveInputStream(in)) {
                while (cpio.getNextEntry() != null) {
                    cpio.transferTo(OutputStream.nullOutputStream());
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void put(CpioArchiveOutputStream cpio, String name, int mode, long size, int links)
            throws IOException {
        CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, size);
        entry.setMode(mode);
        entry.setTime(0);
        entry.setUID(0);
        entry.setGID(0);
        entry.setNumberOfLinks(links);
        cpio.putArchiveEntry(entry);
    }
}
