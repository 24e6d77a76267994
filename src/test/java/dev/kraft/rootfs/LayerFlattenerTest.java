package dev.kraft.rootfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied in order with OCI's whiteouts, through SafeTree, into the same CPIO bytes each time. */
class LayerFlattenerTest {
    @TempDir
    Path dir;

    @Test
    void laterLayersDeleteAndEmptyWhatEarlierOnesMade() throws Exception {
        Path lower = layer(
                "lower",
                Tarballs.gzip()
                        .directory("etc/")
                        .file("etc/keep", "kept\n".getBytes(StandardCharsets.UTF_8), 0640)
                        .file("etc/gone", "deleted\n")
                        .directory("data/")
                        .file("data/old", "old\n")
                        .directory("bin/")
                        .file("bin/busybox", "ELF".getBytes(StandardCharsets.UTF_8), 0755)
                        .symlink("bin/sh", "busybox")
                        .directory("usr/")
                        .directory("usr/bin/")
                        .symlink("usr/bin/env", "/bin/busybox")
                        .bytes());
        Path upper = layer(
                "upper",
                Tarballs.plain()
                        .file("etc/.wh.gone", "")
                        .file("data/.wh..wh..opq", "")
                        .file("data/new", "new\n")
                        .bytes());
        Path out = dir.resolve("out/initramfs-x86_64.cpio");
        Files.createDirectories(out.getParent());
        assertEquals(List.of(), LayerFlattener.flatten(List.of(lower, upper), out));
        assertEquals(
                List.of(
                        "./bin 40755",
                        "./bin/busybox 100755 ELF",
                        "./bin/sh 120777 busybox",
                        "./data 40755",
                        "./data/new 100644 new\n",
                        "./etc 40755",
                        "./etc/keep 100640 kept\n",
                        "./usr 40755",
                        "./usr/bin 40755",
                        "./usr/bin/env 120777 /bin/busybox"),
                entries(out));
        byte[] first = Files.readAllBytes(out);
        LayerFlattener.flatten(List.of(lower, upper), out);
        assertArrayEquals(first, Files.readAllBytes(out), "the same layers give the same bytes");
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertEquals(List.of(out), left.toList(), "no scratch tree is left beside the output");
        }
    }

    @Test
    void aLinkThatLeavesTheTreeIsRefusedNamingTheLayer() throws Exception {
        Path ok = layer("ok", Tarballs.plain().directory("etc/").bytes());
        Path evil = layer(
                "evil",
                Tarballs.plain()
                        .directory("a/")
                        .symlink("a/b", "..")
                        .symlink("c", "a/b/../..")
                        .bytes());
        Path out = dir.resolve("initramfs-x86_64.cpio");
        KraftException e = assertThrows(KraftException.class, () -> LayerFlattener.flatten(List.of(ok, evil), out));
        assertEquals(ExitCode.VERIFY_FAILED, e.exitCode());
        assertEquals(
                "layer 2 of 2: unsafe archive: entry \"c\" is a symbolic link to a/b/../.., which leads outside the archive; refused",
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    private Path layer(String name, byte[] tar) throws IOException {
        return Files.write(dir.resolve(name + ".tar"), tar);
    }

    /** "name mode(octal) [content]" per entry, content for files and link targets. */
    static List<String> entries(Path cpio) throws IOException {
        List<String> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(cpio);
                CpioArchiveInputStream archive = new CpioArchiveInputStream(in)) {
            for (CpioArchiveEntry entry; (entry = archive.getNextEntry()) != null; ) {
                String content = new String(archive.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, entry.getTime());
                assertTrue(entry.getUID() == 0 && entry.getGID() == 0);
                entries.add(entry.getName() + " " + Long.toOctalString(entry.getMode())
                        + (entry.isDirectory() ? "" : " " + content));
            }
        }
        return entries;
    }
}
