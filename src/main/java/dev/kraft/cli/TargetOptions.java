package dev.kraft.cli;

import dev.kraft.unikraft.TargetFilter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which project and which of its targets: {@code -t}, {@code -p/--plat}, {@code -m/--arch} and
 * {@code -K}, each declared once in its own mixin, together for build, clean, fetch, menu, pkg
 * and run.
 */
final class TargetOptions {
    @Mixin
    TargetOption target = new TargetOption();

    @Mixin
    PlatformOptions platform = new PlatformOptions();

    @Mixin
    KraftfileOption kraftfile = new KraftfileOption();

    TargetFilter filter() {
        return new TargetFilter(target.target(), platform.plat(), platform.arch());
    }

    /** The options added to a command by hand, the platform's as {@code --plat} only: {@code kraft run}, where -p publishes a port. */
    static void addWithoutShortPlat(CommandSpec command, TargetOptions options) {
        command.addMixin("target", CommandSpec.forAnnotatedObject(options.target));
        command.addMixin("platform", PlatformOptions.withoutShortPlat(options.platform));
        command.addMixin("kraftfile", CommandSpec.forAnnotatedObject(options.kraftfile));
    }
}
