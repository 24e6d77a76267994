package dev.kraft.builder;

import dev.kraft.builder.kconfig.KConfigMerge;
import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Target;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes the plan for a build: a pure function of the project, the chosen targets and the
 * options, so {@code --dry-run} shows exactly what a real build runs. Every path is absolute and
 * {@code N=} is on every call (Unikraft's traps: relative paths fail, a missing {@code N=} turns
 * the first rebuild into a full one).
 */
public final class BuildPlanner {
    private BuildPlanner() {}

    public static List<TargetPlan> plan(Workdir workdir, List<Target> targets, BuildOptions options) {
        Project project = workdir.project();
        ComponentSpec core = project.unikraft()
                .orElseThrow(() -> new KraftException(
                        ExitCode.INVALID_INPUT,
                        project.kraftfile() + ": no \"unikraft\" component: kraft build needs a core to build with"));
        Path coreDir = workdir.dirOf(core);
        String libs = LibraryOrder.sort(project.libraries()).stream()
                .map(workdir::dirOf)
                .map(Path::toString)
                .collect(Collectors.joining(":"));
        return targets.stream()
                .map(target -> {
                    Map<String, String> vars = new LinkedHashMap<>();
                    vars.put("O", workdir.outdir(target).toString());
                    vars.put("A", workdir.appDir().toString());
                    vars.put("L", libs);
                    vars.put("C", workdir.configFile(target).toString());
                    vars.put("N", target.name());
                    Map<String, String> configureVars = new LinkedHashMap<>(vars);
                    configureVars.put(
                            "UK_DEFCONFIG", workdir.defconfigFile(target).toString());
                    return new TargetPlan(
                            target,
                            KConfigMerge.forTarget(project, target, options.env()),
                            workdir.configFile(target),
                            workdir.defconfigFile(target),
                            workdir.outdir(target),
                            workdir.kernel(target),
                            new MakeInvocation(coreDir, configureVars, "defconfig", Optional.empty()),
                            new MakeInvocation(coreDir, vars, "all", options.jobs()));
                })
                .toList();
    }
}
