package dev.kraft.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.Cpio;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KraftKit's order: a CPIO file, a directory, a Dockerfile by name, else an image reference. */
class RootfsSourceTest {
    @TempDir
    Path dir;

    @Test
    void tellsTheFourSourcesApart() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("tree")).resolve("f"), "x");
        Cpio.packDirectory(dir.resolve("tree"), dir.resolve("rootfs.cpio"));
        Files.writeString(dir.resolve("Dockerfile.rootfs"), "FROM scratch\n");
        assertEquals(new RootfsSource.CpioFile(dir.resolve("rootfs.cpio")), RootfsSource.detect("rootfs.cpio", dir));
        assertEquals(new RootfsSource.Directory(dir.resolve("tree")), RootfsSource.detect("./tree/", dir));
        assertEquals(
                new RootfsSource.Dockerfile(dir.resolve("Dockerfile.rootfs")),
                RootfsSource.detect("./Dockerfile.rootfs", dir));
        RootfsSource image = RootfsSource.detect("alpine:3.20", dir);
        assertEquals(
                "docker.io/library/alpine:3.20",
                assertInstanceOf(RootfsSource.Image.class, image).ref().toString());
        assertEquals(
                "127.0.0.1:5000/base:1",
                ((RootfsSource.Image) RootfsSource.detect("docker://127.0.0.1:5000/base:1", dir))
                        .ref()
                        .toString());
    }

    @Test
    void saysWhatIsWrongWithAnythingElse() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not an archive");
        KraftException file = assertThrows(KraftException.class, () -> RootfsSource.detect("notes.txt", dir));
        assertEquals(ExitCode.INVALID_INPUT, file.exitCode());
        assertEquals(
                "rootfs notes.txt: " + dir.resolve("notes.txt")
                        + " is neither a newc CPIO archive, a directory nor a Dockerfile",
                file.getMessage());
        KraftException dockerfile = assertThrows(KraftException.class, () -> RootfsSource.detect("./Dockerfile", dir));
        assertEquals(ExitCode.NOT_FOUND, dockerfile.exitCode());
        KraftException missing = assertThrows(KraftException.class, () -> RootfsSource.detect("./rootfs", dir));
        assertEquals(
                "rootfs ./rootfs: no such file or directory (an image reference names its tag, e.g. alpine:3.20)",
                missing.getMessage());
    }
}
