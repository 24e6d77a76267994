package dev.kraft.cli;

import dev.kraft.builder.BuildDirectory;
import dev.kraft.builder.BuiltKernels;
import dev.kraft.builder.TargetPlan;
import dev.kraft.builder.make.Make;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft clean}: Unikraft's {@code make clean} for each chosen target (objects and
 * kernels go, configuration and fetched archives stay); {@code --proper} removes the whole
 * build directory ({@code make properclean}). {@code kraft properclean} is the old spelling.
 */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        aliases = "cln",
        description = "Remove build outputs of the project's targets.",
        footer = {
            "",
            "Examples:",
            "  kraft clean                 make clean for every target",
            "  kraft clean -t qemu/x86_64  only that target",
            "  kraft clean --proper        remove the whole build directory"
        })
final class CleanCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;
    private final Supplier<Make> make;
    private final boolean alwaysProper;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(
            names = {"-P", "--proper"},
            description = "Remove the build directory entirely (make properclean).")
    boolean proper;

    CleanCommand(Projects projects, Supplier<Console> console, Supplier<Make> make, boolean alwaysProper) {
        this.projects = projects;
        this.console = console;
        this.make = make;
        this.alwaysProper = alwaysProper;
    }

    @Override
    public Integer call() {
        Project loaded = project.load(projects);
        ProjectOptions.Selected selected =
                project.select(projects, loaded, true, ProjectOptions.defaults(projects.env(), loaded));
        Console console = this.console.get();
        Path buildDir = selected.workdir().buildDir();
        if (proper || alwaysProper) {
            if (BuildDirectory.remove(selected.workdir())) {
                console.info("removed " + buildDir);
            }
            return 0;
        }
        for (TargetPlan plan : selected.plans()) {
            if (!Files.isRegularFile(plan.configFile())
                    || !Files.isDirectory(plan.build().core())) {
                console.info("nothing to clean for " + plan.target().kernelName() + " (not configured yet)");
                continue;
            }
            make.get()
                    .run(
                            plan.build().withGoal("clean", Optional.empty()),
                            selected.workdir().stateDir().resolve("build.log"));
            BuiltKernels.publish(plan);
            console.info("cleaned " + plan.target().kernelName());
        }
        return 0;
    }
}
