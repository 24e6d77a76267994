package dev.kraft.cli;

import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Builder;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.TargetPlan;
import dev.kraft.builder.Workdir;
import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.kraftfile.Project;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.StoredImage;
import dev.kraft.rootfs.InitrdEmbedding;
import dev.kraft.unikraft.Arch;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code kraft build --dry-run}: the plan, on stdout, with nothing run and no network used. */
final class PlanPrinter {
    private PlanPrinter() {}

    static void print(Workdir workdir, List<TargetPlan> plans, BuildOptions options, PrintStream out) {
        Project project = workdir.project();
        out.println("project " + project.displayName() + " (" + project.kraftfile() + ")");
        out.println("components:");
        for (ComponentSpec component : project.components()) {
            String resolved = component.directory().isPresent()
                    ? "used in place"
                    : ComponentPlacer.placedIdentity(workdir, component)
                            .map(id -> "placed: " + id)
                            .orElse("not fetched yet");
            out.println("  " + component.type().name().toLowerCase(Locale.ROOT) + " " + component.describe() + " -> "
                    + workdir.dirOf(component) + " [" + resolved + "]");
        }
        for (TargetPlan plan : plans) {
            out.println("target " + plan.target().kernelName() + " ("
                    + plan.target().platArch() + ")");
            out.println("  kernel: " + plan.kernel());
            out.println("  kconfig (" + plan.defconfigFile() + "):");
            Defconfig.write(plan.kconfig()).lines().forEach(line -> out.println("    " + line));
            out.println("  make:");
            Builder.steps(plan, options).forEach(make -> out.println("    " + make.commandLine()));
        }
    }

    /** A runtime project's plan: the runtime's manifest per platform (from the store), the rootfs to build, and no make. */
    static void printRuntime(
            Workdir workdir,
            ImageRef runtime,
            List<StoredImage.Variant> variants,
            Optional<String> rootfs,
            PrintStream out) {
        Project project = workdir.project();
        out.println("project " + project.displayName() + " (" + project.kraftfile() + ")");
        out.println("runtime " + runtime + " (a prebuilt kernel: nothing to fetch, configure or compile)");
        for (StoredImage.Variant variant : variants) {
            out.println("target " + project.name() + " (" + variant.plat() + "/" + variant.arch() + ")");
            String version = variant.config().platform().osVersion();
            out.println("  kernel: " + runtime.name() + "@"
                    + variant.descriptor().digest() + (version.isEmpty() ? "" : " (" + version + ")"));
            Arch arch = Arch.parse(variant.arch()).orElseThrow();
            out.println("  rootfs: "
                    + rootfs.map(source -> source + " -> " + InitrdEmbedding.defaultCpio(workdir.buildDir(), arch))
                            .orElse("none" + (variant.hasInitrd() ? " (the runtime's own initrd)" : "")));
            out.println("  cmd: "
                    + (project.cmd().isEmpty()
                            ? variant.config().cmd() + " (the runtime's, unless the rootfs image has one)"
                            : project.cmd()));
        }
    }
}
