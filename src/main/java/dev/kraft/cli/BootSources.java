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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Finds what {@code kraft run [PROJECT|KERNEL|IMAGE]} names: a kernel file, an image reference,
 * or a project directory (the current one by default) with one built target, or whose runtime
 * (its Kraftfile's, or {@code --runtime}) boots. {@code --as} says which, as KraftKit's runners
 * do; otherwise a file is a kernel, a directory a project, and any other word with a tag an
 * image ({@code nginx:1.25} is {@code unikraft.org/nginx:1.25}: {@code oci.default_registry}, KraftKit's unikraft.org unless set).
 */
final class BootSources {
    /** KraftKit's runners ({@code --as}), and what kraft reads the argument as under each. */
    enum Runner {
        KERNEL("kernel"),
        PROJECT("kraftfile-unikraft"),
        RUNTIME_PROJECT("kraftfile-runtime"),
        IMAGE("oci");

        final String name;

        Runner(String name) {
            this.name = name;
        }

        /** A runner by KraftKit's name; one kraft does not have is refused, saying why. */
        static Optional<Runner> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            for (Runner runner : values()) {
                if (runner.name.equals(text)) {
                    return Optional.of(runner);
                }
            }
            String why = switch (text) {
                case "linuxu" -> "kraft has no ELF loader runtime to run Linux binaries in";
                case "manifest" -> "index packages are sources to build, not kernels to run";
                default -> "unknown runner";
            };
            throw new KraftException(
                    ExitCode.USAGE,
                    "--as " + text + ": " + why + " (kraft runs: kernel, kraftfile-unikraft, kraftfile-runtime, oci)");
        }
    }

    private final Env env;
    private final Supplier<KraftfileLoader> kraftfiles;
    private final Supplier<Images> images;
    private final UnaryOperator<Boolean> offline;
    private final Function<Boolean, Runtimes> runtimes;
    private final Function<String, ImageRef> imageRefs;

    /**
     * @param offline  whether to stay off the network, given the flag ({@code --offline}, or the configuration's)
     * @param runtimes the runtimes of runtime projects: (offline flag)
     * @param imageRefs reads an image reference, a short name in config.yaml's {@code oci.default_registry}
     */
    BootSources(
            Env env,
            Supplier<KraftfileLoader> kraftfiles,
            Supplier<Images> images,
            UnaryOperator<Boolean> offline,
            Function<Boolean, Runtimes> runtimes,
            Function<String, ImageRef> imageRefs) {
        this.env = env;
        this.imageRefs = imageRefs;
        this.kraftfiles = kraftfiles;
        this.images = images;
        this.offline = offline;
        this.runtimes = runtimes;
    }

    /**
     * @param runAs       KraftKit's {@code --as}: how to read {@code what}
     * @param offlineFlag {@code --offline}: an image or a runtime comes only from the local store
     * @param runtime     {@code -r/--runtime}: the project runs this prebuilt kernel, whatever its Kraftfile says
     */
    BootSource resolve(
            Optional<String> what,
            TargetOptions targets,
            Optional<Runner> runAs,
            boolean offlineFlag,
            Optional<String> runtime) {
        PlatformOptions platform = targets.platform;
        Runner runner = runAs.orElseGet(() -> runtime.isPresent()
                ? Runner.RUNTIME_PROJECT
                : what.map(this::runnerFor).orElse(Runner.PROJECT));
        return switch (runner) {
            case KERNEL -> {
                Path path = env.resolve(what.orElseThrow(
                        () -> new KraftException(ExitCode.USAGE, "--as kernel: name the kernel file")));
                if (!Files.isRegularFile(path)) {
                    throw new KraftException(ExitCode.NOT_FOUND, what.get() + ": no such kernel file");
                }
                yield kernelFile(path, platform);
            }
            case IMAGE -> {
                if (targets.target.target().isPresent()
                        || targets.kraftfile.kraftfile().isPresent()) {
                    throw new KraftException(
                            ExitCode.USAGE,
                            "-t and -K name a project's target; for an image choose with --plat and --arch");
                }
                yield image(
                        imageRefs.apply(
                                what.orElseThrow(() -> new KraftException(ExitCode.USAGE, "--as oci: name the image"))),
                        platform,
                        offline.apply(offlineFlag));
            }
            case PROJECT, RUNTIME_PROJECT -> project(what, targets, runtime, offlineFlag);
        };
    }

    /** How an argument reads without {@code --as}: a file, a directory, or a word with a registry, tag or digest. */
    private Runner runnerFor(String what) {
        Path path = env.resolve(what);
        if (Files.isRegularFile(path)) {
            return Runner.KERNEL;
        }
        if (Files.isDirectory(path)) {
            return Runner.PROJECT;
        }
        if (ImageRef.looksLikeImage(what) || what.matches("[a-z0-9._/-]+(:[A-Za-z0-9_.-]+|@sha256:[a-f0-9]+)")) {
            return Runner.IMAGE;
        }
        throw new KraftException(
                ExitCode.NOT_FOUND,
                what + ": no such kernel file or project directory"
                        + (what.matches("[a-z0-9._/-]+")
                                ? "; an image needs its tag: " + what.toLowerCase(Locale.ROOT) + ":latest"
                                : ""));
    }

    private BootSource kernelFile(Path kernel, PlatformOptions platform) {
        if (!KernelFiles.unikraft(kernel)) {
            throw new KraftException(
                    ExitCode.USAGE,
                    kernel + " is not a Unikraft kernel: it has none of Unikraft's sections"
                            + " (.uk_inittab, .uk_ctortab, .uk_thread_inittab)");
        }
        Arch arch = platform.arch()
                .or(() -> KernelFiles.arch(kernel))
                .orElseThrow(() -> new KraftException(
                        ExitCode.USAGE,
                        kernel + " is not an ELF kernel kraft knows; name its architecture with --arch"));
        return new BootSource(
                "kernel://" + kernel.getFileName(),
                kernel,
                arch,
                platform.plat().orElse(Plat.QEMU),
                List.of(),
                List.of(),
                Map.of(),
                Optional.empty(),
                true,
                List.of(),
                BuiltKernels.config(kernel.resolveSibling(".config." + kernel.getFileName())),
                false,
                BootSource.RootfsPlace.none(env.cwd()));
    }

    /** The variant for --plat/--arch (default qemu/x86_64), pulled first if the store lacks it, its Cmd and Env as a project's would be. */
    private BootSource image(ImageRef ref, PlatformOptions platform, boolean offlineOnly) {
        Plat plat = platform.plat().orElse(Plat.QEMU);
        Arch arch = platform.arch().orElse(Arch.X86_64);
        Images.Boot boot = images.get().boot(ref, plat, arch, offlineOnly);
        return new BootSource(
                "oci://" + ref,
                boot.kernel(),
                arch,
                plat,
                boot.cmd(),
                List.of(),
                boot.env(),
                boot.initrd(),
                InitrdMount.asked(boot.kconfig()),
                List.of(),
                boot.kconfig(),
                true,
                BootSource.RootfsPlace.none(env.cwd()));
    }

    private BootSource project(
            Optional<String> dir, TargetOptions targets, Optional<String> runtime, boolean offlineFlag) {
        Project project = kraftfiles.get().load(dir, targets.kraftfile.kraftfile());
        Workdir workdir = new Workdir(project);
        Runtimes prebuilt = runtimes.apply(offlineFlag);
        Optional<ImageRef> runtimeRef = prebuilt.of(project, runtime);
        if (runtimeRef.isPresent()) {
            return runtimeProject(
                    project,
                    prebuilt,
                    runtimeRef.get(),
                    targets,
                    new BootSource.RootfsPlace(project.rootfs(), workdir.root(), workdir.buildDir()));
        }
        List<Target> matching = TargetSelection.matching(project, targets.filter());
        List<Target> built =
                matching.stream().filter(t -> BuiltKernels.built(workdir, t)).toList();
        if (built.isEmpty()) {
            Target first = matching.get(0);
            throw new KraftException(
                    ExitCode.STATE,
                    "no kernel for target " + first.kernelName() + " at "
                            + workdir.root().relativize(workdir.kernel(first)) + "; run `kraft build` first");
        }
        if (built.size() > 1) {
            throw new KraftException(ExitCode.USAGE, TargetSelection.ambiguity(built, "built targets"));
        }
        Target chosen = built.get(0);
        KConfig config = BuiltKernels.config(workdir, chosen);
        // The kernel kraft built with the rootfs embedded needs none beside it.
        Optional<String> rootfs = EmbeddedInitrd.in(config) ? Optional.empty() : project.rootfs();
        return new BootSource(
                "project://" + project.name() + ":" + chosen.platArch(),
                workdir.kernel(chosen),
                chosen.arch(),
                chosen.plat(),
                project.cmd(),
                List.of(),
                project.env(),
                Optional.empty(),
                true,
                volumes(project),
                config,
                false,
                new BootSource.RootfsPlace(rootfs, workdir.root(), workdir.buildDir()));
    }

    /**
     * KraftKit's {@code kraftfile-runtime} runner: the runtime's kernel for the one target that
     * matches with the project's rootfs, even beside an initrd the runtime embeds (a fallback,
     * as unikraft.org/base has), else the runtime's own initrd; the image's env under the
     * Kraftfile's, the Kraftfile's cmd over the image's; the initrd mounted at / when the
     * runtime's Kconfig asks.
     */
    private BootSource runtimeProject(
            Project project,
            Runtimes prebuilt,
            ImageRef runtime,
            TargetOptions targets,
            BootSource.RootfsPlace rootfsPlace) {
        List<Target> matching = Runtimes.targets(project, targets.filter());
        if (matching.size() > 1) {
            throw new KraftException(ExitCode.USAGE, TargetSelection.ambiguity(matching, "targets"));
        }
        Target target = matching.get(0);
        Images.Boot boot = prebuilt.boot(runtime, target);
        Map<String, String> env = new LinkedHashMap<>(boot.env());
        env.putAll(project.env());
        return new BootSource(
                "oci://" + runtime,
                boot.kernel(),
                target.arch(),
                target.plat(),
                project.cmd(),
                boot.cmd(),
                env,
                boot.initrd(),
                InitrdMount.asked(boot.kconfig()),
                volumes(project),
                boot.kconfig(),
                true,
                rootfsPlace);
    }

    /** The Kraftfile's {@code volumes:}, host directories of the project shared over 9p, as {@code -v} shares others. */
    private static List<MachineSpec.Volume> volumes(Project project) {
        List<MachineSpec.Volume> volumes = new ArrayList<>();
        for (VolumeSpec volume : project.volumes()) {
            String what =
                    project.kraftfile().getFileName() + ": volume " + volume.source() + ":" + volume.destination();
            if (!volume.driver().equals("9pfs")) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT,
                        what + ": driver " + Quoted.of(volume.driver())
                                + " is not one kraft has; it shares directories over 9pfs");
            }
            if (volume.source().isEmpty()) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT,
                        what + ": no source; name a directory of the project"
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
