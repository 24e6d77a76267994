package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Builder;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.TargetPlan;
import dev.kraft.builder.Workdir;
import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** {@code kraft build --dry-run}: the plan, on stdout, with nothing run and no network used. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(Workdir workdir, List<TargetPlan> plans, BuildOptions options, PrintStream out) {
        Project project = workdir.project();
        out.println("project " + project.displayName() + " (" + project.kraftfile() + ")");
        out.println("components:");
        for (ComponentSpec component : project.components()) {
            String resolved = component.directory().isPresent() ? "used in place"
                    : ComponentPlacer.placedIdentity(workdir, component).map(id -> "placed: " + id).orElse("not fetched yet");
            out.println("  " + component.type().name().toLowerCase(Locale.ROOT) + " " + component.describe()
                    + " -> " + workdir.dirOf(component) + " [" + resolved + "]");
        }
        for (TargetPlan plan : plans) {
            out.println("target " + plan.target().kernelName() + " (" + plan.target().platArch() + ")");
            out.println("  kernel: " + plan.kernel());
            out.println("  kconfig (" + plan.defconfigFile() + "):");
            Defconfig.write(plan.kconfig()).lines().forEach(line -> out.println("    " + line));
            out.println("  make:");
            Builder.steps(plan, options).forEach(make -> out.println("    " + make.commandLine()));
        }
    }
}
