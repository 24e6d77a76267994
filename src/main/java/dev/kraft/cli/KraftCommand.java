package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root: global options and the command list; alone, it shows help and fails as a usage error. */
@Command(
        name = "kraft",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Build and run Unikraft unikernels.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {
            "",
            "Examples:",
            "  kraft build                  build the project in this directory",
            "  kraft build -t qemu/x86_64   build one of its targets",
            "  kraft build --dry-run        show what a build would run, run nothing",
            "",
            "Run 'kraft COMMAND --help' for more on a command."
        })
final class KraftCommand implements Callable<Integer> {
    @Mixin
    final GlobalOptions global;

    @Spec
    CommandSpec spec;

    KraftCommand(GlobalOptions global) {
        this.global = global;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
