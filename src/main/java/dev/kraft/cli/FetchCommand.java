package dev.kraft.cli;

import dev.kraft.build.BuildOptions;
import dev.kraft.build.TargetPlan;
import dev.kraft.kraftfile.Project;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft fetch}: places the components, configures each target when it has no
 * configuration yet, then runs {@code make fetch} (downloads the libraries' upstream archives,
 * such as musl's, and patches them), so a later build can work offline.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, aliases = "ft", description = "Fetch components and the libraries' upstream sources, build nothing.",
        footer = {"", "Example:", "  kraft fetch && kraft build --no-update"})
final class FetchCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--all", description = "Fetch for every matching target.")
    boolean all;

    FetchCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Project loaded = project.load(services);
        BuildOptions options = ProjectOptions.defaults(services, loaded);
        ProjectOptions.Selected selected = project.select(services, loaded, all, options);
        services.placer(false, false).placeAll(selected.workdir(), options);
        for (TargetPlan plan : selected.plans()) {
            services.builder(false).runGoal(selected.workdir(), plan, options, "fetch", false);
            services.console().info("fetched sources for " + plan.target().kernelName());
        }
        return 0;
    }
}
