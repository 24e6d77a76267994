package dev.kraft.cli;

import dev.kraft.builder.BuildEnv;
import dev.kraft.builder.BuildOptions;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.Env;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the commands that place a project's components and configure it (build, fetch, menu) treat
 * what is already there: KraftKit's {@code --force-pull}, {@code --no-cache} and
 * {@code --no-configure}, declared once.
 */
final class ComponentOptions {
    @Option(
            names = "--force-pull",
            description =
                    "Ask the package index and every git remote again, and place every component again, even when unchanged.")
    boolean forcePull;

    @Option(
            names = {"-F", "--no-cache"},
            description =
                    "Fetch components again instead of taking them from the cache; build with make even where another project's build could be reused.")
    boolean noCache;

    @Option(names = "--no-configure", description = "Skip make's configure step; keep the existing .config.")
    boolean noConfigure;

    /** The options of a command that runs a make goal but builds nothing: no jobs, no build log, the Kraftfile's env. */
    BuildOptions forGoal(Env env, Project project) {
        return new BuildOptions(
                noConfigure,
                false,
                forcePull,
                noCache,
                Optional.empty(),
                Optional.empty(),
                BuildEnv.resolve(project.env(), List.of(), env.vars()),
                false);
    }
}
