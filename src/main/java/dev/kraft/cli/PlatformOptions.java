package dev.kraft.cli;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code -p/--plat} and {@code -m/--arch}: a platform and an architecture, read by one converter
 * each with one message. {@code kraft run} takes {@code --plat} without {@code -p}, which
 * publishes a port there, as in docker ({@link #withoutShortPlat}).
 */
final class PlatformOptions {
    @Option(
            names = {"-p", "--plat"},
            paramLabel = "PLAT",
            converter = PlatConverter.class,
            completionCandidates = Choices.Plats.class,
            description = "The platform (the hypervisor that runs it): qemu, fc or xen.")
    Plat plat;

    @Option(
            names = {"-m", "--arch"},
            paramLabel = "ARCH",
            converter = ArchConverter.class,
            completionCandidates = Choices.Archs.class,
            description = "The architecture: x86_64, arm64 or arm.")
    Arch arch;

    Optional<Plat> plat() {
        return Optional.ofNullable(plat);
    }

    Optional<Arch> arch() {
        return Optional.ofNullable(arch);
    }

    /** These options as a mixin whose platform option is only {@code --plat}. */
    static CommandSpec withoutShortPlat(PlatformOptions options) {
        CommandSpec mixin = CommandSpec.forAnnotatedObject(options);
        OptionSpec plat = mixin.findOption("--plat");
        mixin.remove(plat);
        mixin.addOption(OptionSpec.builder(plat).names("--plat").build());
        return mixin;
    }

    static final class PlatConverter implements CommandLine.ITypeConverter<Plat> {
        @Override
        public Plat convert(String value) {
            return Plat.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("expected qemu, fc or xen"));
        }
    }

    static final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
        @Override
        public Arch convert(String value) {
            return Arch.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("expected x86_64, arm64 or arm"));
        }
    }
}
