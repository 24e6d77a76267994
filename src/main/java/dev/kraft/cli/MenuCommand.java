package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Builder;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft menu}: Unikraft's menuconfig for one target, on the user's terminal. The
 * changes stay: the next {@code kraft build} configures again only if the Kraftfile's Kconfig
 * changed.
 */
@Command(
        name = "menu",
        mixinStandardHelpOptions = true,
        aliases = "menuconfig",
        description = "Edit a target's Kconfig in Unikraft's menuconfig.",
        footer = {"", "Examples:", "  kraft menu", "  kraft menu -t qemu/x86_64 --frontend nconfig"})
final class MenuCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;
    private final Function<Fetching, ComponentPlacer> placer;
    private final Function<Boolean, Builder> builder;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Mixin
    ComponentOptions components = new ComponentOptions();

    @Option(
            names = {"-f", "--frontend"},
            paramLabel = "GOAL",
            defaultValue = "menuconfig",
            completionCandidates = Choices.Frontends.class,
            description = "The make goal to run: menuconfig (default), nconfig, xconfig, gconfig.")
    String frontend;

    MenuCommand(
            Projects projects,
            Supplier<Console> console,
            Function<Fetching, ComponentPlacer> placer,
            Function<Boolean, Builder> builder) {
        this.projects = projects;
        this.console = console;
        this.placer = placer;
        this.builder = builder;
    }

    @Override
    public Integer call() {
        if (!frontend.matches("[a-z]+config")) {
            throw new KraftException(
                    ExitCode.USAGE, "--frontend " + frontend + ": expected menuconfig, nconfig, xconfig or gconfig");
        }
        if (!projects.env().tty().stdin() || !projects.env().tty().stdout()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "kraft menu needs a terminal (stdin and stdout); set Kconfig values in the Kraftfile instead");
        }
        Project loaded = project.load(projects);
        BuildOptions options = components.forGoal(projects.env(), loaded);
        ProjectOptions.Selected selected = project.select(projects, loaded, false, options);
        placer.apply(new Fetching(false, components.forcePull, false)).placeAll(selected.workdir(), options);
        builder.apply(false).runGoal(selected.workdir(), selected.plans().get(0), options, frontend, true);
        return 0;
    }
}
