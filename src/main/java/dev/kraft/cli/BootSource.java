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
 * {@code cmd}, {@code env} and {@code rootfs}), a kernel file, or an image ({@code fromImage}:
 * the machine then keeps its own copies of the image's files).
 */
record BootSource(String label, Path kernel, Arch arch, Plat plat, List<String> cmd, Map<String, String> env, Optional<Path> rootfs,
                  KConfig kconfig, boolean fromImage) {
}
