package dev.kraft.rootfs;

import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.support.Cpio;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a {@code rootfs:} value (or {@code --rootfs}) names, decided in KraftKit's order
 * ({@code initrd.New}): an existing newc CPIO file, a directory, a file whose name says
 * Dockerfile, else a container image reference ({@code docker://} may prefix it). Unlike
 * KraftKit, a reference must name its tag or digest: a mistyped path is not looked up on
 * Docker Hub.
 */
public sealed interface RootfsSource {
    record CpioFile(Path path) implements RootfsSource {}

    record Directory(Path path) implements RootfsSource {}

    record Dockerfile(Path path) implements RootfsSource {}

    record Image(ImageRef ref) implements RootfsSource {}

    /** @param workdir what relative paths are relative to: the project's directory */
    static RootfsSource detect(String text, Path workdir) {
        Path path = workdir.resolve(text).normalize();
        if (Files.isRegularFile(path) && Cpio.isNewc(path)) {
            return new CpioFile(path);
        }
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        if (path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).contains("dockerfile")) {
            if (!Files.isRegularFile(path)) {
                throw new KraftException(ExitCode.NOT_FOUND, "rootfs " + text + ": no such Dockerfile (" + path + ")");
            }
            return new Dockerfile(path);
        }
        if (Files.exists(path)) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    "rootfs " + text + ": " + path + " is neither a newc CPIO archive, a directory nor a Dockerfile");
        }
        String reference = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
        boolean imageLike = !reference.startsWith(".")
                && !reference.startsWith("/")
                && (reference.contains(":") || reference.contains("@"));
        if (!imageLike) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    "rootfs " + text + ": no such file or directory"
                            + " (an image reference names its tag, e.g. alpine:3.20)");
        }
        return new Image(ImageRef.parseContainer(reference));
    }
}
