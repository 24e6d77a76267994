package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft pkg}: with {@code --name}, packages the project's built kernels as an OCI image;
 * otherwise the package index, the source cache and images through its subcommands.
 */
@Command(
        name = "pkg",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Package built kernels as OCI images (--name), or manage packages and images.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg --name localhost:5000/hello:1 --push   package the built kernels, push them",
            "  kraft pkg update                 fetch the package index",
            "  kraft pkg ls --libs              list the libraries it offers",
            "  kraft pkg pull lib/musl:stable   fetch a package into the cache",
            "  kraft pkg source ./my-index      add a directory with an index.yaml"
        })
final class PkgCommand implements Callable<Integer> {
    private final PackageServices services;
    private final Projects projects;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "The project to package (default: the current directory).")
    String dir;

    @Mixin
    PackOptions pack = new PackOptions();

    PkgCommand(PackageServices services, Projects projects) {
        this.services = services;
        this.projects = projects;
    }

    /** The command with its subcommands, which need the services picocli cannot construct. */
    static CommandLine commandLine(PackageServices services, Projects projects) {
        CommandLine pkg = new CommandLine(new PkgCommand(services, projects));
        pkg.addSubcommand(new PkgUpdateCommand(services));
        pkg.addSubcommand(new PkgListCommand(services, projects));
        pkg.addSubcommand(new PkgInfoCommand(services));
        pkg.addSubcommand(new PkgPullCommand(services, projects));
        pkg.addSubcommand(new PkgRemoveCommand(services));
        pkg.addSubcommand(new PkgAddArchiveCommand(services));
        pkg.addSubcommand(new PkgSourceCommand(services));
        pkg.addSubcommand(new PkgUnsourceCommand(services));
        pkg.addSubcommand(new PkgPushCommand(services));
        return pkg;
    }

    @Override
    public Integer call() throws IOException {
        if (pack.name != null) {
            return new ImagePackaging(services, projects, pack).run(Optional.ofNullable(dir));
        }
        if (dir != null) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "kraft pkg " + dir + ": name the image with --name REF (e.g. --name unikraft.org/hello:latest)");
        }
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
