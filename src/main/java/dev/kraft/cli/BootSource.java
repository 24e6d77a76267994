package dev.kraft.cli;

import dev.kraft.machine.MachineSpec;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code kraft run} boots, wherever it came from: a built project target (its Kraftfile's
 * {@code cmd}, {@code env} and {@code volumes}), a kernel file, an image ({@code fromImage}: the
 * machine then keeps its own copies of the image's files), or a runtime project (the runtime's
 * image with the Kraftfile's). {@code initrd} is a ready one, an image's; {@code rootfsPlace}
 * says what {@link RunRootfs} builds.
 *
 * @param cmd          the command that wins over a rootfs image's (the Kraftfile's, or an image's own)
 * @param runtimeCmd   a runtime's command, which a rootfs image's wins over
 * @param initrdAsRoot whether the guest is told to mount the initrd at /
 */
record BootSource(
        String label,
        Path kernel,
        Arch arch,
        Plat plat,
        List<String> cmd,
        List<String> runtimeCmd,
        Map<String, String> env,
        Optional<Path> initrd,
        boolean initrdAsRoot,
        List<MachineSpec.Volume> volumes,
        KConfig kconfig,
        boolean fromImage,
        RootfsPlace rootfsPlace) {

    /**
     * Where a root filesystem for this source is built: the project's {@code rootfs:} as written,
     * the directory it is relative to, and the build dir the CPIO goes to (for a kernel file or
     * an image, KraftKit's: the current directory's {@code .unikraft/build}).
     */
    record RootfsPlace(Optional<String> source, Path workdir, Path buildDir) {
        static RootfsPlace none(Path cwd) {
            return new RootfsPlace(Optional.empty(), cwd, cwd.resolve(".unikraft/build"));
        }
    }
}
