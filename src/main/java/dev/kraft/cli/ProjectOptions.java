package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.BuildPlanner;
import dev.kraft.builder.TargetPlan;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.Env;
import dev.kraft.unikraft.Target;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every project command (build, clean, fetch, menu) starts from: the directory, which of
 * its targets, and from them the loaded project and its plans.
 */
final class ProjectOptions {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "DIR",
            description = "The project directory (default: the current one).")
    String dir;

    @Mixin
    TargetOptions targets = new TargetOptions();

    Project load(Projects projects) {
        return projects.load(Optional.ofNullable(dir), targets.kraftfile.kraftfile());
    }

    /** Selects the project's targets and plans them; a runtime project has nothing to plan. */
    Selected select(Projects projects, Project project, boolean all, BuildOptions options) {
        if (project.usesRuntime()) {
            throw TargetSelection.runsARuntime(project);
        }
        List<Target> chosen = projects.select(project, targets.filter(), all);
        Workdir workdir = new Workdir(project);
        return new Selected(workdir, BuildPlanner.plan(workdir, chosen, options));
    }

    /** Options for commands that only need the plan's paths, not a build's switches. */
    static BuildOptions defaults(Env env, Project project) {
        return new ComponentOptions().forGoal(env, project);
    }

    record Selected(Workdir workdir, List<TargetPlan> plans) {}
}
