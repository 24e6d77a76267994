package dev.kraft.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Packs a directory into a newc ("SVR4") CPIO archive, the initrd format Unikraft's vfscore
 * extracts. Entries are sorted and timestamps zeroed, so the same tree gives the same bytes.
 */
public final class Cpio {
    private Cpio() {
    }

    /**
     * A root file system as an initrd: a file as it is (a CPIO archive), a directory packed into
     * {@code packed}.
     *
     * @throws NoSuchFileException when it is neither
     */
    public static Path archiveOf(Path rootfs, Path packed) throws IOException {
        if (Files.isRegularFile(rootfs)) {
            return rootfs;
        }
        if (!Files.isDirectory(rootfs)) {
            throw new NoSuchFileException(rootfs.toString(), null, "no such file or directory");
        }
        packDirectory(rootfs, packed);
        return packed;
    }

    public static void packDirectory(Path dir, Path archive) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(dir)) {
            entries = walk.filter(p -> !p.equals(dir)).sorted().toList();
        }
        Path temp = archive.resolveSibling(archive.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(temp);
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(file, CpioConstants.FORMAT_NEW)) {
            for (Path path : entries) {
                String name = "./" + dir.relativize(path).toString();
                boolean link = Files.isSymbolicLink(path);
                boolean directory = !link && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                byte[] content = link ? Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8)
                        : directory ? new byte[0] : Files.readAllBytes(path);
                CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, content.length);
                entry.setMode((link ? CpioConstants.C_ISLNK : directory ? CpioConstants.C_ISDIR : CpioConstants.C_ISREG)
                        | (directory ? 0755 : link ? 0777 : Files.isExecutable(path) ? 0755 : 0644));
                entry.setTime(0);
                entry.setNumberOfLinks(directory ? 2 : 1);
                cpio.putArchiveEntry(entry);
                cpio.write(content);
                cpio.closeArchiveEntry();
            }
        }
        AtomicFiles.moveAtomically(temp, archive);
    }
}
