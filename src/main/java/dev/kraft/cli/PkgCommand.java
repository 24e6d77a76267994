package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kraft pkg}: the package index and the source cache; alone, it shows its subcommands. */
@Command(name = "pkg", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manage packages: the index, the source cache and index sources.",
        footer = {"", "Examples:",
                "  kraft pkg update                 fetch the package index",
                "  kraft pkg ls --libs              list the libraries it offers",
                "  kraft pkg pull lib/musl:stable   fetch a package into the cache",
                "  kraft pkg source ./my-index      add a directory with an index.yaml"})
final class PkgCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The command with its subcommands, which need the services picocli cannot construct. */
    static CommandLine commandLine(Services services) {
        CommandLine pkg = new CommandLine(new PkgCommand());
        pkg.addSubcommand(new PkgUpdateCommand(services));
        pkg.addSubcommand(new PkgListCommand(services));
        pkg.addSubcommand(new PkgInfoCommand(services));
        pkg.addSubcommand(new PkgPullCommand(services));
        pkg.addSubcommand(new PkgRemoveCommand(services));
        pkg.addSubcommand(new PkgSourceCommand(services));
        pkg.addSubcommand(new PkgUnsourceCommand(services));
        return pkg;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
