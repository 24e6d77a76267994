package dev.kraft.cli;

import dev.kraft.builder.BuiltKernels;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.kraftfile.Project;
import dev.kraft.kraftfile.VolumeSpec;
import dev.kraft.machine.KernelFiles;
import dev.kraft.machine.MachineSpec;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.EmbeddedInitrd;
import dev.kraft.unikraft.InitrdMount;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Finds what {@code kraft run [PROJECT|KERNEL|IMAGE]} names: a kernel file, an image reference,
 * or a project directory (the current one by default) with one built target, or whose runtime
 * (its Kraftfile's, or {@code --runtime}) boots.
 */
final class BootSources {
    private final Env env;
    private final Supplier<KraftfileLoader> kraftfiles;
    private final Supplier<Images> images;
    private final BooleanSupplier offline;
    private final Supplier<Runtimes> runtimes;

    BootSources(Env env, Supplier<KraftfileLoader> kraftfiles, Supplier<Images> images, BooleanSupplier offline, Supplier<Runtimes> runtimes) {
        this.env = env;
        this.kraftfiles = kraftfiles;
        this.images = images;
        this.offline = offline;
        this.runtimes = runtimes;
    }

    /** @param runtime {@code -r/--runtime}: the project runs this prebuilt kernel, whatever its Kraftfile says */
    BootSource resolve(Optional<String> what, TargetOptions targets, Optional<String> runtime) {
        PlatformOptions platform = targets.platform;
        if (what.isPresent()) {
            Path path = env.resolve(what.get());
            if (Files.isRegularFile(path) && runtime.isEmpty()) {
                return kernelFile(path, platform);
            }
            if (!Files.isDirectory(path) && ImageRef.looksLikeImage(what.get()) && runtime.isEmpty()) {
                if (targets.target.target().isPresent() || targets.kraftfile.kraftfile().isPresent()) {
                    throw new KraftException(ExitCode.USAGE, "-t and -K name a project's target; for an image choose with --plat and --arch");
                }
                return image(ImageRef.parse(what.get()), platform);
            }
            if (!Files.isDirectory(path)) {
                throw new KraftException(ExitCode.NOT_FOUND, what.get() + ": no such kernel file, project directory or image reference");
            }
        }
        return project(what, targets, runtime);
    }

    private BootSource kernelFile(Path kernel, PlatformOptions platform) {
        Arch arch = platform.arch().or(() -> KernelFiles.arch(kernel)).orElseThrow(() -> new KraftException(ExitCode.USAGE,
                kernel + " is not an ELF kernel kraft knows; name its architecture with --arch"));
        return new BootSource("kernel://" + kernel.getFileName(), kernel, arch, platform.plat().orElse(Plat.QEMU), List.of(), List.of(),
                Map.of(), Optional.empty(), true, List.of(), BuiltKernels.config(kernel.resolveSibling(".config." + kernel.getFileName())),
                false, BootSource.RootfsPlace.none(env.cwd()));
    }

    /** The variant for --plat/--arch (default qemu/x86_64), pulled first if the store lacks it, its Cmd and Env as a project's would be. */
    private BootSource image(ImageRef ref, PlatformOptions platform) {
        Plat plat = platform.plat().orElse(Plat.QEMU);
        Arch arch = platform.arch().orElse(Arch.X86_64);
        Images.Boot boot = images.get().boot(ref, plat, arch, offline.getAsBoolean());
        return new BootSource("oci://" + ref, boot.kernel(), arch, plat, boot.cmd(), List.of(), boot.env(), boot.initrd(),
                InitrdMount.asked(boot.kconfig()), List.of(), boot.kconfig(), true, BootSource.RootfsPlace.none(env.cwd()));
    }

    private BootSource project(Optional<String> dir, TargetOptions targets, Optional<String> runtime) {
        Project project = kraftfiles.get().load(dir, targets.kraftfile.kraftfile());
        Workdir workdir = new Workdir(project);
        Optional<ImageRef> runtimeRef = runtimes.get().of(project, runtime);
        if (runtimeRef.isPresent()) {
            return runtimeProject(project, runtimeRef.get(), targets,
                    new BootSource.RootfsPlace(project.rootfs(), workdir.root(), workdir.buildDir()));
        }
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
        KConfig config = BuiltKernels.config(workdir, chosen);
        // The kernel kraft built with the rootfs embedded needs none beside it.
        Optional<String> rootfs = EmbeddedInitrd.in(config) ? Optional.empty() : project.rootfs();
        return new BootSource("project://" + project.name() + ":" + chosen.platArch(), workdir.kernel(chosen), chosen.arch(),
                chosen.plat(), project.cmd(), List.of(), project.env(), Optional.empty(), true, volumes(project), config, false,
                new BootSource.RootfsPlace(rootfs, workdir.root(), workdir.buildDir()));
    }

    /**
     * KraftKit's {@code kraftfile-runtime} runner: the runtime's kernel for the one target that
     * matches with the project's rootfs, even beside an initrd the runtime embeds (a fallback,
     * as unikraft.org/base has), else the runtime's own initrd; the image's env under the
     * Kraftfile's, the Kraftfile's cmd over the image's; the initrd mounted at / when the
     * runtime's Kconfig asks.
     */
    private BootSource runtimeProject(Project project, ImageRef runtime, TargetOptions targets, BootSource.RootfsPlace rootfsPlace) {
        List<Target> matching = Runtimes.targets(project, targets.filter());
        if (matching.size() > 1) {
            throw new KraftException(ExitCode.USAGE, matching.size() + " targets match; choose the runtime's platform with -t (e.g. -t "
                    + matching.get(0).platArch() + ")");
        }
        Target target = matching.get(0);
        Images.Boot boot = runtimes.get().boot(runtime, target);
        Map<String, String> env = new LinkedHashMap<>(boot.env());
        env.putAll(project.env());
        return new BootSource("oci://" + runtime, boot.kernel(), target.arch(), target.plat(), project.cmd(), boot.cmd(), env, boot.initrd(),
                InitrdMount.asked(boot.kconfig()), volumes(project), boot.kconfig(), true, rootfsPlace);
    }

    /** The Kraftfile's {@code volumes:}, host directories of the project shared over 9p, as {@code -v} shares others. */
    private static List<MachineSpec.Volume> volumes(Project project) {
        List<MachineSpec.Volume> volumes = new ArrayList<>();
        for (VolumeSpec volume : project.volumes()) {
            String what = project.kraftfile().getFileName() + ": volume " + volume.source() + ":" + volume.destination();
            if (!volume.driver().equals("9pfs")) {
                throw new KraftException(ExitCode.INVALID_INPUT, what + ": driver " + Quoted.of(volume.driver())
                        + " is not one kraft has; it shares directories over 9pfs");
            }
            if (volume.source().isEmpty()) {
                throw new KraftException(ExitCode.INVALID_INPUT, what + ": no source; name a directory of the project"
                        + " (volumes kraft manages itself, KraftKit's kraft vol, are not here yet)");
            }
            if (!volume.destination().startsWith("/")) {
                throw new KraftException(ExitCode.INVALID_INPUT, what + ": the guest path must be absolute");
            }
            Path host = project.workdir().resolve(volume.source()).normalize();
            if (!Files.isDirectory(host)) {
                throw new KraftException(ExitCode.NOT_FOUND, what + ": host directory " + host + " does not exist");
            }
            volumes.add(new MachineSpec.Volume(host, volume.destination(), volume.readOnly()));
        }
        return volumes;
    }
}
