package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.Tarballs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpackerTest {
    @TempDir
    Path tmp;

    private Path archive(byte[] bytes) throws IOException {
        return Files.write(tmp.resolve("archive-" + System.nanoTime()), bytes);
    }

    private Path dest() throws IOException {
        return Files.createDirectories(tmp.resolve("sandbox/dest"));
    }

    /** Unpacks, expecting a refusal; answers its message after checking nothing landed beside dest. */
    private String refused(byte[] bytes) throws IOException {
        Path dest = dest();
        KraftException e = assertThrows(
                KraftException.class, () -> SafeUnpacker.unpack(archive(bytes), dest, 1, SafeUnpacker.Limits.SOURCES));
        assertEquals(ExitCode.VERIFY_FAILED, e.exitCode());
        assertEquals(List.of(dest), list(tmp.resolve("sandbox")), "nothing is written outside the destination");
        assertFalse(Files.exists(Path.of("/tmp/kraft-unpack-escape")));
        return e.getMessage();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void unpacksGzipTarStrippingTheTopDirectory() throws IOException {
        byte[] tar = Tarballs.gzip()
                .directory("lib-x-1.0/")
                .file("lib-x-1.0/Makefile.uk", "x")
                .file("lib-x-1.0/bin/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 04755)
                .symlink("lib-x-1.0/link.uk", "Makefile.uk")
                .hardlink("lib-x-1.0/copy.uk", "lib-x-1.0/Makefile.uk")
                .file("pax-at-top-level", "dropped by strip-components")
                .bytes();
        Path dest = dest();
        SafeUnpacker.unpack(archive(tar), dest, 1, SafeUnpacker.Limits.SOURCES);
        assertEquals("x", Files.readString(dest.resolve("Makefile.uk")));
        assertEquals(
                "rwxr-xr-x",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.resolve("bin/run.sh"))),
                "executable, but no setuid");
        assertEquals(Path.of("Makefile.uk"), Files.readSymbolicLink(dest.resolve("link.uk")));
        assertEquals("x", Files.readString(dest.resolve("copy.uk")));
        assertFalse(Files.exists(dest.resolve("pax-at-top-level")));
    }

    @Test
    void unpacksXzAndZip() throws IOException {
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(xz))) {
            TarArchiveEntry entry = new TarArchiveEntry("top/a.txt");
            entry.setSize(1);
            tar.putArchiveEntry(entry);
            tar.write('a');
            tar.closeArchiveEntry();
        }
        Path dest = dest();
        SafeUnpacker.unpack(archive(xz.toByteArray()), dest, 1, SafeUnpacker.Limits.SOURCES);
        assertEquals("a", Files.readString(dest.resolve("a.txt")));

        Path zipDest = Files.createDirectories(tmp.resolve("zip"));
        SafeUnpacker.unpack(archive(zip("top/b.txt")), zipDest, 1, SafeUnpacker.Limits.SOURCES);
        assertEquals("b", Files.readString(zipDest.resolve("b.txt")));
    }

    @Test
    void refusesParentDirectoryNames() throws IOException {
        String message = refused(Tarballs.gzip()
                .file("top/../../../tmp/kraft-unpack-escape", "x")
                .bytes());
        assertEquals(
                "unsafe archive: entry \"top/../../../tmp/kraft-unpack-escape\" is a path with \"..\"; refused",
                message);
        assertTrue(refused(Tarballs.plain().file("../x", "x").bytes()).contains("\"../x\" is a path with \"..\""));
    }

    @Test
    void refusesAbsolutePaths() throws IOException {
        assertTrue(refused(Tarballs.gzip().file("/tmp/kraft-unpack-escape", "x").bytes())
                .contains("is an absolute path"));
    }

    @Test
    void refusesSymlinksOutOfTheTreeAndWritesThroughThem() throws IOException {
        String message = refused(Tarballs.gzip()
                .symlink("top/etc", "/etc")
                .file("top/etc/kraft-written", "x")
                .bytes());
        assertEquals(
                "unsafe archive: entry \"top/etc\" is a symbolic link to the absolute path /etc; refused", message);
        assertTrue(
                refused(Tarballs.gzip().symlink("top/up", "../../..").bytes()).contains("leads outside the archive"));
        assertTrue(refused(Tarballs.gzip()
                        .directory("top/d/")
                        .symlink("top/alias", "d")
                        .file("top/alias/f", "x")
                        .bytes())
                .contains("written through the symbolic link alias"));
    }

    @Test
    void judgesLinksByWhereTheyLeadOnDiskNotByTheirText() throws IOException {
        Tarballs chain =
                Tarballs.gzip().directory("top/a/").symlink("top/a/b", "..").symlink("top/c0", "a/b/..");
        for (int i = 1; i <= 13; i++) {
            chain.symlink("top/c" + i, "c" + (i - 1) + "/..");
        }
        String message = refused(chain.symlink("top/etc", "c13/etc").bytes());
        assertEquals(
                "unsafe archive: entry \"top/c0\" is a symbolic link to a/b/.., which leads outside the archive; refused",
                message);
    }

    @Test
    void judgesEveryLinkAgainWhenALaterEntryChangesWhereItLeads() throws IOException {
        byte[] retargeted = Tarballs.gzip()
                .directory("top/x/y/")
                .symlink("top/d", "x/y")
                .symlink("top/l", "d/../..")
                .symlink("top/d", ".")
                .bytes();
        assertEquals(
                "unsafe archive: entry \"l\" is a symbolic link to d/../.., which leads outside the archive; refused",
                refused(retargeted));
        assertTrue(refused(Tarballs.gzip()
                        .symlink("top/loop", "loop/x")
                        .symlink("top/l", "loop")
                        .bytes())
                .contains("(a loop)"));
    }

    @Test
    void keepsLinksThatStayInside() throws IOException {
        byte[] tar = Tarballs.gzip()
                .directory("top/a/b/")
                .symlink("top/a/b/up", "..")
                .symlink("top/a/c", "b/up/b/up/b")
                .symlink("top/dangling", "not/yet/../there")
                .bytes();
        Path dest = dest();
        SafeUnpacker.unpack(archive(tar), dest, 1, SafeUnpacker.Limits.SOURCES);
        assertEquals(dest.resolve("a/b").toRealPath(), dest.resolve("a/c").toRealPath());
    }

    @Test
    void appliesRootFilesystemLayersWithWhiteoutsAndRootedLinks() throws IOException {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "canary");
        SafeTree tree = new SafeTree(rootfs, SafeTree.Options.rootFilesystem(SafeUnpacker.Limits.ROOT_FILESYSTEM));
        SafeUnpacker.apply(
                new ByteArrayInputStream(Tarballs.plain()
                        .directory("etc/")
                        .file("etc/a", "a")
                        .file("etc/b", "b")
                        .directory("var/")
                        .file("var/old", "o")
                        .symlink("bin", "/usr/bin")
                        .bytes()),
                tree);
        SafeUnpacker.apply(
                new ByteArrayInputStream(Tarballs.gzip()
                        .file("etc/.wh.a", "")
                        .file("var/.wh..wh..opq", "")
                        .file("var/new", "n")
                        .bytes()),
                tree);
        assertEquals(List.of("b"), names(rootfs.resolve("etc")));
        assertEquals(List.of("new"), names(rootfs.resolve("var")));
        assertEquals(
                Path.of("/usr/bin"),
                Files.readSymbolicLink(rootfs.resolve("bin")),
                "absolute links mean the tree's root");

        SafeTree sneaky = new SafeTree(rootfs, SafeTree.Options.rootFilesystem(SafeUnpacker.Limits.ROOT_FILESYSTEM));
        Files.createSymbolicLink(rootfs.resolve("host"), tmp);
        KraftException through = assertThrows(
                KraftException.class,
                () -> SafeUnpacker.apply(
                        new ByteArrayInputStream(Tarballs.plain()
                                .file("host/.wh.outside.txt", "")
                                .bytes()),
                        sneaky));
        assertTrue(through.getMessage().contains("to be removed through a symbolic link"), through.getMessage());
        assertEquals("canary", Files.readString(outside));
        Files.delete(rootfs.resolve("host"));
        KraftException climbing = assertThrows(
                KraftException.class,
                () -> SafeUnpacker.apply(
                        new ByteArrayInputStream(
                                Tarballs.plain().symlink("up", "/../..").bytes()),
                        sneaky));
        assertTrue(climbing.getMessage().contains("leads outside the archive"), climbing.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        return list(dir).stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Test
    void refusesHardLinksToFilesItDidNotUnpack() throws IOException {
        assertTrue(refused(Tarballs.gzip().hardlink("top/passwd", "/etc/passwd").bytes())
                .contains("an absolute path"));
        assertTrue(refused(Tarballs.gzip().hardlink("top/passwd", "top/missing").bytes())
                .contains("no file unpacked before it"));
    }

    @Test
    void refusesDeviceFilesAndFifos() throws IOException {
        assertTrue(
                refused(Tarballs.gzip().special("top/sda", TarConstants.LF_BLK).bytes())
                        .contains("\"top/sda\" is a device file"));
        assertTrue(
                refused(Tarballs.gzip().special("top/tty", TarConstants.LF_CHR).bytes())
                        .contains("a device file"));
        assertTrue(refused(Tarballs.gzip()
                        .special("top/pipe", TarConstants.LF_FIFO)
                        .bytes())
                .contains("a FIFO"));
    }

    @Test
    void capsEntriesAndBytes() throws IOException {
        Path dest = dest();
        byte[] many = Tarballs.gzip()
                .file("top/a", "1")
                .file("top/b", "2")
                .file("top/c", "3")
                .bytes();
        KraftException entries = assertThrows(
                KraftException.class,
                () -> SafeUnpacker.unpack(archive(many), dest, 1, new SafeUnpacker.Limits(2, 1000, 100)));
        assertTrue(entries.getMessage().contains("more than 2 entries"), entries.getMessage());
        byte[] big = Tarballs.gzip().file("top/big", new byte[5000], 0644).bytes();
        KraftException bytes = assertThrows(
                KraftException.class,
                () -> SafeUnpacker.unpack(
                        archive(big),
                        Files.createDirectories(tmp.resolve("d2")),
                        1,
                        new SafeUnpacker.Limits(10, 4096, 100)));
        assertTrue(bytes.getMessage().contains("more than 4096 bytes"), bytes.getMessage());
    }

    @Test
    void refusesWhatIsNoArchive() throws IOException {
        String message = refused("<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals("not a tar, tar.gz, tar.xz, tar.bz2 or zip archive", message);
        assertTrue(refused(zip("top/../evil")).contains("a path with \"..\""));
    }

    private static byte[] zip(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write('b');
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
