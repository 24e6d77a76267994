package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A layer as KraftKit makes one: an uncompressed tar holding a single file at a well-known path
 * ({@code /unikraft/bin/kernel}, {@code /unikraft/bin/initrd}). Owner, group, names and times
 * are stripped and the mode fixed, so the same file always gives the same bytes and digest.
 */
public final class LayerTar {
    public static final String KERNEL = "/unikraft/bin/kernel";
    public static final String INITRD = "/unikraft/bin/initrd";
    /** The annotations KraftKit puts on the layers holding them. */
    static final String KERNEL_ANNOTATION = "org.unikraft.kernel.image";

    static final String INITRD_ANNOTATION = "org.unikraft.kernel.initrd";
    /** Go's tar writer pads to 512-byte records only; so do we, instead of commons-compress's 10 KiB. */
    private static final int RECORD = 512;

    private LayerTar() {}

    public static void write(Path file, String name, Path tar) throws IOException {
        try (OutputStream out = Files.newOutputStream(tar);
                TarArchiveOutputStream archive = new TarArchiveOutputStream(out, RECORD)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(Files.size(file));
            entry.setMode(name.equals(KERNEL) ? 0755 : 0644);
            entry.setModTime(0L);
            entry.setUserId(0);
            entry.setGroupId(0);
            entry.setUserName("");
            entry.setGroupName("");
            archive.putArchiveEntry(entry);
            Files.copy(file, archive);
            archive.closeArchiveEntry();
            archive.finish();
        }
    }

    /**
     * Copies the regular file stored under name (with or without the leading slash) to target;
     * false if the layer has no such file. Only that entry's content is read, never its path,
     * so an entry cannot write anywhere else; an entry of that name that is a link or a device
     * is refused (its content would be an empty kernel).
     */
    public static boolean extract(Path tar, String name, Path target) {
        String wanted = name.replaceFirst("^/+", "");
        try (InputStream in = Files.newInputStream(tar);
                TarArchiveInputStream archive = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                if (!entry.getName().replaceFirst("^(\\./|/)+", "").equals(wanted) || entry.isDirectory()) {
                    continue;
                }
                if (entry.isLink() || entry.isSymbolicLink() || !entry.isFile() || entry.isSparse()) {
                    throw new KraftException(
                            ExitCode.VERIFY_FAILED,
                            "layer " + tar.getFileName() + ": " + name + " is a link or "
                                    + "special file, not a file; refused");
                }
                Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.VERIFY_FAILED,
                    "layer " + tar.getFileName() + " is not a readable tar: " + e.getMessage(),
                    e);
        }
    }
}
