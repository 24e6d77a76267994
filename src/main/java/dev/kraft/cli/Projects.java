package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.Env;
import dev.kraft.support.HomeOwnership;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the commands that work on a project use to find it and its targets: the Kraftfile's
 * loader, whether they may ask the user to choose a target, and the ownership of what they
 * write into the project (given back to its user after a sudo).
 */
final class Projects {
    private final Env env;
    private final Supplier<KraftfileLoader> kraftfiles;
    private final Supplier<HomeOwnership> ownership;
    private final BooleanSupplier mayPrompt;

    Projects(
            Env env,
            Supplier<KraftfileLoader> kraftfiles,
            Supplier<HomeOwnership> ownership,
            BooleanSupplier mayPrompt) {
        this.env = env;
        this.kraftfiles = kraftfiles;
        this.ownership = ownership;
        this.mayPrompt = mayPrompt;
    }

    Env env() {
        return env;
    }

    /** The project in {@code dir} (or found from the working directory), or the Kraftfile named. */
    Project load(Optional<String> dir, Optional<String> kraftfile) {
        Project project = kraftfiles.get().load(dir, kraftfile);
        ownership.get().claimEntries(project.workdir());
        ownership.get().claimTree(project.outdir());
        return project;
    }

    /** The targets a command works on: one that matches, all with {@code all}, or the user's choice on a terminal. */
    List<Target> select(Project project, TargetFilter filter, boolean all) {
        return TargetSelection.select(project, filter, all, mayPrompt.getAsBoolean(), env);
    }
}
