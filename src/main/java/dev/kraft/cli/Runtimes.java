package dev.kraft.cli;

import dev.kraft.kraftfile.Project;
import dev.kraft.kraftfile.RuntimeSpec;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.StoredImage;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import dev.kraft.unikraft.TargetFilter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runtime projects, KraftKit's {@code kraftfile-runtime}: a Kraftfile whose {@code runtime:}
 * (or {@code -r/--runtime}) names a prebuilt kernel, an image in KraftKit's layout. Here the
 * name becomes a reference (a short one in the default registry), the project's targets pick the
 * image's platform (the host's when it lists none), and the image is found in the store or
 * pulled once, verified, and its kernel unpacked.
 */
final class Runtimes {
    private final Supplier<Images> images;
    private final String defaultRegistry;
    private final boolean offline;

    /**
     * @param defaultRegistry where a short name is looked up ({@code oci.default_registry}, KraftKit's {@code unikraft.org})
     * @param offline         never pull: a runtime the store lacks is an error that says how to get it
     */
    Runtimes(Supplier<Images> images, String defaultRegistry, boolean offline) {
        this.images = images;
        this.defaultRegistry = defaultRegistry;
        this.offline = offline;
    }

    /**
     * The runtime a project runs: {@code --runtime} over the Kraftfile's; empty for a project
     * built from source (it names {@code unikraft:} or {@code template:}, which KraftKit builds first).
     */
    Optional<ImageRef> of(Project project, Optional<String> flag) {
        if (flag.isPresent()) {
            try {
                return Optional.of(ImageRef.parse(flag.get(), defaultRegistry));
            } catch (KraftException e) {
                throw new KraftException(ExitCode.USAGE, "--runtime: " + e.getMessage(), e);
            }
        }
        if (!project.usesRuntime()) {
            return Optional.empty();
        }
        RuntimeSpec spec = project.runtime().orElseThrow();
        try {
            return Optional.of(ImageRef.parse(spec.reference(), defaultRegistry));
        } catch (KraftException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, spec.at() + ": runtime " + e.getMessage(), e);
        }
    }

    /**
     * The targets the runtime is chosen for: the Kraftfile's that {@code -t/--plat/--arch}
     * select, else the one of {@code --plat} (default qemu) and {@code --arch} (default this
     * machine's), as KraftKit takes the host's.
     */
    static List<Target> targets(Project project, TargetFilter filter) {
        if (!project.targets().isEmpty()) {
            return TargetSelection.matching(project, filter);
        }
        Optional<String[]> platArch = filter.target().map(t -> t.split("/", -1)).filter(parts -> parts.length == 2);
        Plat plat = filter.plat()
                .or(() -> platArch.flatMap(parts -> Plat.parse(parts[0])))
                .orElse(Plat.QEMU);
        Arch arch = filter.arch()
                .or(() -> platArch.flatMap(parts -> Arch.parse(parts[1])))
                .orElseGet(Runtimes::hostArch);
        Target host = new Target(project.name(), plat, arch, KConfig.empty());
        if (filter.apply(List.of(host)).isEmpty()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "-t " + filter.target().orElse("") + ": "
                            + project.kraftfile().getFileName()
                            + " lists no targets; choose the runtime's platform with --plat and --arch, or -t PLAT/ARCH");
        }
        return List.of(host);
    }

    /** The runtime's kernel for a target: from the store, or pulled once (never offline). */
    Images.Boot boot(ImageRef runtime, Target target) {
        return images.get().boot(runtime, label(runtime), target.plat(), target.arch(), offline);
    }

    /** The runtime's manifest for a target, as the store has it, for a plan: nothing is pulled or unpacked. */
    StoredImage.Variant planned(ImageRef runtime, Target target) {
        return images.get()
                .cached(runtime, label(runtime), target.plat(), target.arch())
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        label(runtime) + " is not cached (not in the local image store), and a plan never pulls;"
                                + " get it with: kraft pkg pull " + runtime));
    }

    /** How messages name it: {@code runtime unikraft.org/base:latest}. */
    static String label(ImageRef runtime) {
        return "runtime " + runtime;
    }

    private static Arch hostArch() {
        return Arch.parse(System.getProperty("os.arch")).orElse(Arch.X86_64);
    }
}
