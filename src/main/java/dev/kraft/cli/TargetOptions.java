package dev.kraft.cli;

import dev.kraft.unikraft.TargetFilter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -t}, {@code --plat}, {@code --arch} and {@code -K}: which project and which of its targets. */
public final class TargetOptions {
    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "Target name, or plat/arch (e.g. qemu/x86_64).")
    String target;

    @Option(names = {"-p", "--plat"}, paramLabel = "PLAT", description = "Only targets of this platform: qemu, fc, xen.")
    String plat;

    @Option(names = {"-m", "--arch"}, paramLabel = "ARCH", description = "Only targets of this architecture: x86_64, arm64, arm.")
    String arch;

    @Option(names = {"-K", "--kraftfile"}, paramLabel = "FILE", description = "Use this Kraftfile instead of searching for one.")
    String kraftfile;

    TargetFilter filter() {
        return new TargetFilter(Optional.ofNullable(target), Optional.ofNullable(plat), Optional.ofNullable(arch));
    }

    Optional<String> kraftfile() {
        return Optional.ofNullable(kraftfile);
    }
}
