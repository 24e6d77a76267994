package dev.kraft.cli;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code kraft run} boots, wherever it came from: a built project target (its Kraftfile's
 * {@code cmd} and {@code env}), a kernel file, or an image ({@code fromImage}: the machine then
 * keeps its own copies of the image's files). {@code initrd} is a ready one, an image's;
 * {@code rootfsPlace} says what {@link RunRootfs} builds.
 */
record BootSource(String label, Path kernel, Arch arch, Plat plat, List<String> cmd, Map<String, String> env, Optional<Path> initrd,
                  KConfig kconfig, boolean fromImage, RootfsPlace rootfsPlace) {

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
