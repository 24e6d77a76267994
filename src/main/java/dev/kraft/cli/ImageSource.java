package dev.kraft.cli;

import dev.kraft.pkg.oci.Descriptor;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.pkg.oci.StoredImage;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code kraft run REF}: an image from the local store (pulled first if it is not there), the
 * variant for {@code --plat}/{@code --arch} (default qemu/x86_64), its kernel and initrd
 * unpacked, its Cmd and Env as the project's cmd and env would be.
 */
final class ImageSource {
    private ImageSource() {
    }

    static RunSource resolve(String text, RunOptions options, Services services) {
        if (options.target != null || options.kraftfile != null) {
            throw new KraftException(ExitCode.USAGE, "-t and -K name a project's target; for an image choose with --plat and --arch");
        }
        ImageRef ref = ImageRef.parse(text);
        Plat plat = Optional.ofNullable(options.plat).map(p -> Plat.parse(p).orElseThrow(() ->
                new KraftException(ExitCode.USAGE, "--plat " + p + ": expected qemu, fc or xen"))).orElse(Plat.QEMU);
        Arch arch = Optional.ofNullable(options.arch).map(a -> Arch.parse(a).orElseThrow(() ->
                new KraftException(ExitCode.USAGE, "--arch " + a + ": expected x86_64, arm64 or arm"))).orElse(Arch.X86_64);
        Descriptor index = Images.local(ref, services, false);
        OciStore store = services.images();
        try (FileLock lock = store.lock()) {
            StoredImage.Variant variant = store.image(ref.toString(), index).select(plat, arch);
            OciStore.Unpacked files = store.unpack(variant);
            services.console().debug("running " + ref + " " + variant.descriptor().digest() + " (" + plat + "/" + arch + ")");
            return new RunSource("oci://" + ref, files.kernel(), arch, plat, variant.config().cmd(), variant.config().envMap(), files.initrd(),
                    variant.config().kconfig(), true);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot unpack " + ref + " in " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The machine's own copy of an unpacked file: a hard link (no space, same file system), a
     * copy otherwise, so removing the image later does not take a machine's kernel with it.
     */
    static Path own(Path file, Path machineDir, String name) {
        Path target = machineDir.resolve(name);
        try {
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot place " + file + " in " + machineDir + ": " + e.getMessage(), e);
        }
    }
}
