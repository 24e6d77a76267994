package dev.kraft.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -t}: one of the project's targets, by name or plat/arch. */
final class TargetOption {
    @Option(
            names = {"-t", "--target"},
            paramLabel = "TARGET",
            description = "The target: its name, or plat/arch (e.g. qemu/x86_64).")
    String target;

    Optional<String> target() {
        return Optional.ofNullable(target);
    }
}
