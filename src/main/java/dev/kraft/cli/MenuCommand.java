package dev.kraft.cli;

import dev.kraft.build.BuildOptions;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft menu}: Unikraft's menuconfig for one target, on the user's terminal. The
 * changes stay: the next {@code kraft build} configures again only if the Kraftfile's Kconfig
 * changed.
 */
@Command(name = "menu", mixinStandardHelpOptions = true, aliases = "menuconfig", description = "Edit a target's Kconfig in Unikraft's menuconfig.",
        footer = {"", "Examples:", "  kraft menu", "  kraft menu -t qemu/x86_64 --frontend nconfig"})
final class MenuCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--frontend", paramLabel = "GOAL", defaultValue = "menuconfig",
            description = "The make goal to run: menuconfig (default), nconfig, xconfig, gconfig.")
    String frontend;

    MenuCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!frontend.matches("[a-z]+config")) {
            throw new KraftException(ExitCode.USAGE, "--frontend " + frontend + ": expected menuconfig, nconfig, xconfig or gconfig");
        }
        if (!services.env().tty().stdin() || !services.env().tty().stdout()) {
            throw new KraftException(ExitCode.USAGE, "kraft menu needs a terminal (stdin and stdout); set Kconfig values in the Kraftfile instead");
        }
        Project loaded = project.load(services);
        BuildOptions options = ProjectOptions.defaults(services, loaded);
        ProjectOptions.Selected selected = project.select(services, loaded, false, options);
        services.placer(false, false).placeAll(selected.workdir(), options);
        services.builder(false).runGoal(selected.workdir(), selected.plans().get(0), options, frontend, true);
        return 0;
    }
}
