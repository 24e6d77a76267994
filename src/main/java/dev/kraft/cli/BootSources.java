package dev.kraft.cli;

import dev.kraft.builder.BuiltKernels;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.machine.KernelFiles;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Finds what {@code kraft run [PROJECT|KERNEL|IMAGE]} names: a kernel file, an image reference,
 * or a project directory (the current one by default) with one built target.
 */
final class BootSources {
    private final Env env;
    private final Supplier<KraftfileLoader> kraftfiles;
    private final Supplier<Images> images;
    private final BooleanSupplier offline;

    BootSources(Env env, Supplier<KraftfileLoader> kraftfiles, Supplier<Images> images, BooleanSupplier offline) {
        this.env = env;
        this.kraftfiles = kraftfiles;
        this.images = images;
        this.offline = offline;
    }

    BootSource resolve(Optional<String> what, TargetOptions targets) {
        PlatformOptions platform = targets.platform;
        if (what.isPresent()) {
            Path path = env.resolve(what.get());
            if (Files.isRegularFile(path)) {
                return kernelFile(path, platform);
            }
            if (!Files.isDirectory(path) && ImageRef.looksLikeImage(what.get())) {
                if (targets.target.target().isPresent() || targets.kraftfile.kraftfile().isPresent()) {
                    throw new KraftException(ExitCode.USAGE, "-t and -K name a project's target; for an image choose with --plat and --arch");
                }
                return image(ImageRef.parse(what.get()), platform);
            }
            if (!Files.isDirectory(path)) {
                throw new KraftException(ExitCode.NOT_FOUND, what.get() + ": no such kernel file, project directory or image reference");
            }
        }
        return project(what, targets);
    }

    private BootSource kernelFile(Path kernel, PlatformOptions platform) {
        Arch arch = platform.arch().or(() -> KernelFiles.arch(kernel)).orElseThrow(() -> new KraftException(ExitCode.USAGE,
                kernel + " is not an ELF kernel kraft knows; name its architecture with --arch"));
        return new BootSource("kernel://" + kernel.getFileName(), kernel, arch, platform.plat().orElse(Plat.QEMU), List.of(), Map.of(),
                Optional.empty(), BuiltKernels.config(kernel.resolveSibling(".config." + kernel.getFileName())), false,
                BootSource.RootfsPlace.none(env.cwd()));
    }

    /** The variant for --plat/--arch (default qemu/x86_64), pulled first if the store lacks it, its Cmd and Env as a project's would be. */
    private BootSource image(ImageRef ref, PlatformOptions platform) {
        Plat plat = platform.plat().orElse(Plat.QEMU);
        Arch arch = platform.arch().orElse(Arch.X86_64);
        Images.Boot boot = images.get().boot(ref, plat, arch, offline.getAsBoolean());
        return new BootSource("oci://" + ref, boot.kernel(), arch, plat, boot.cmd(), boot.env(), boot.initrd(), boot.kconfig(), true,
                BootSource.RootfsPlace.none(env.cwd()));
    }

    private BootSource project(Optional<String> dir, TargetOptions targets) {
        Project project = kraftfiles.get().load(dir, targets.kraftfile.kraftfile());
        Workdir workdir = new Workdir(project);
        List<Target> matching = TargetSelection.matching(project, targets.filter());
        List<Target> built = matching.stream().filter(t -> BuiltKernels.built(workdir, t)).toList();
        if (built.isEmpty()) {
            Target first = matching.get(0);
            throw new KraftException(ExitCode.STATE, "no kernel for target " + first.kernelName() + " at "
                    + workdir.root().relativize(workdir.kernel(first)) + "; run `kraft build` first");
        }
        if (built.size() > 1) {
            throw new KraftException(ExitCode.USAGE, built.size() + " built targets match; choose one with -t (e.g. -t "
                    + built.get(0).platArch() + ")");
        }
        Target chosen = built.get(0);
        return new BootSource("project://" + project.name() + ":" + chosen.platArch(), workdir.kernel(chosen), chosen.arch(),
                chosen.plat(), project.cmd(), project.env(), Optional.empty(), BuiltKernels.config(workdir, chosen), false,
                new BootSource.RootfsPlace(project.rootfs(), workdir.root(), workdir.buildDir()));
    }
}
