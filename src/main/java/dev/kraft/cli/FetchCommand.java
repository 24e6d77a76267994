package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Builder;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.TargetPlan;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft fetch}: places the components, configures each target when it has no
 * configuration yet, then runs {@code make fetch} (downloads the libraries' upstream archives,
 * such as musl's, and patches them), so a later build can work offline.
 */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        aliases = "ft",
        description = "Fetch components and the libraries' upstream sources, build nothing.",
        footer = {"", "Example:", "  kraft fetch && kraft build --no-update"})
final class FetchCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;
    private final Function<Fetching, ComponentPlacer> placer;
    private final Function<Boolean, Builder> builder;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--all", description = "Fetch for every matching target.")
    boolean all;

    @Mixin
    ComponentOptions components = new ComponentOptions();

    @Option(names = "--no-pull", description = "Do not place the components; use those already in .unikraft.")
    boolean noPull;

    FetchCommand(
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
        Project loaded = project.load(projects);
        BuildOptions options = components.forGoal(projects.env(), loaded);
        ProjectOptions.Selected selected = project.select(projects, loaded, all, options);
        if (!noPull) {
            placer.apply(new Fetching(false, components.forcePull, false)).placeAll(selected.workdir(), options);
        }
        for (TargetPlan plan : selected.plans()) {
            builder.apply(false).runGoal(selected.workdir(), plan, options, "fetch", false);
            console.get().info("fetched sources for " + plan.target().kernelName());
        }
        return 0;
    }
}
