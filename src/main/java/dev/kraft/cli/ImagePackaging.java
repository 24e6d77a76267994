package dev.kraft.cli;

import dev.kraft.builder.BuildEnv;
import dev.kraft.builder.BuiltKernels;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.Project;
import dev.kraft.machine.KernelCommandLine;
import dev.kraft.pkg.oci.Descriptor;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.Packager;
import dev.kraft.pkg.oci.Pusher;
import dev.kraft.rootfs.InitrdEmbedding;
import dev.kraft.rootfs.Rootfs;
import dev.kraft.rootfs.RootfsBuilder;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.KraftVersion;
import dev.kraft.support.MoreFiles;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.EmbeddedInitrd;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import dev.kraft.unikraft.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kraft pkg --name REF}: the project's built targets (or {@code --kernel FILE}, or a
 * runtime project's runtime) with their command line, environment, labels, initrd and .config,
 * into {@link Packager}.
 */
final class ImagePackaging {
    private final PackageServices services;
    private final Projects projects;
    private final PackOptions options;

    ImagePackaging(PackageServices services, Projects projects, PackOptions options) {
        this.services = services;
        this.projects = projects;
        this.options = options;
    }

    /** Packages, pushes with --push, prints the index's digest on stdout; returns the exit code. */
    int run(Optional<String> dir) throws IOException {
        if (!options.format.equals("oci")) {
            throw new KraftException(
                    ExitCode.USAGE, "--as " + options.format + ": kraft packages OCI images only (--as oci)");
        }
        ImageRef ref = services.imageRef(options.name);
        Packager.Strategy strategy = Packager.Strategy.parse(options.strategy);
        Path staging = Files.createTempDirectory("kraft-pkg-");
        try {
            List<Packager.Target> targets =
                    options.kernel != null ? List.of(kernelFile(staging)) : projectTargets(options.workdir.or(dir));
            Descriptor index = new Packager(services.imageStore())
                    .pack(new Packager.Request(
                            ref,
                            targets,
                            strategy,
                            Packager.creationTime(services.env().vars()),
                            KraftVersion.number()));
            services.console()
                    .info("packaged " + ref + " ("
                            + String.join(
                                    ", ",
                                    targets.stream()
                                            .map(t -> t.plat() + "/" + t.arch())
                                            .toList()) + ") " + index.digest());
            if (options.push) {
                new Pusher(services.imageStore(), services.registry(), services.console()::info).push(ref);
                services.console().info("pushed " + ref);
            }
            services.console().out().println(index.digest());
            return 0;
        } finally {
            MoreFiles.deleteTree(staging);
        }
    }

    private Packager.Target kernelFile(Path staging) throws IOException {
        Optional<Arch> arch = options.targets.platform.arch();
        Optional<Plat> plat = options.targets.platform.plat();
        if (arch.isEmpty() || plat.isEmpty()) {
            throw new KraftException(ExitCode.USAGE, "--kernel needs --arch and --plat");
        }
        Path kernel = services.env().resolve(options.kernel);
        if (!Files.isRegularFile(kernel)) {
            throw new KraftException(ExitCode.NOT_FOUND, "--kernel " + options.kernel + ": no such file");
        }
        Optional<Rootfs> rootfs = Optional.ofNullable(options.rootfs)
                .map(r -> services.rootfs()
                        .build(new RootfsBuilder.Request(
                                RunRootfs.fromCommandLine(r, services.env()),
                                services.env().cwd(),
                                arch.get(),
                                InitrdEmbedding.defaultCpio(staging, arch.get()),
                                options.dockerfile.toOptions())));
        return target(
                arch.get(), plat.get(), kernel, KConfig.empty(), List.of(), List.of(), Map.of(), Map.of(), rootfs);
    }

    private List<Packager.Target> projectTargets(Optional<String> dir) {
        Project project = projects.load(dir, options.targets.kraftfile.kraftfile());
        Workdir workdir = new Workdir(project);
        Optional<String> rootfsSource = Optional.ofNullable(options.rootfs)
                .map(r -> RunRootfs.fromCommandLine(r, services.env()))
                .or(project::rootfs);
        Runtimes runtimes = services.runtimes(false);
        Optional<ImageRef> runtime = runtimes.of(project, Optional.ofNullable(options.runtime));
        if (runtime.isPresent()) {
            return runtimeTargets(project, workdir, runtimes, runtime.get(), rootfsSource);
        }
        Map<Arch, Rootfs> built = new EnumMap<>(Arch.class);
        List<Packager.Target> targets = new ArrayList<>();
        for (Target target : TargetSelection.matching(project, options.targets.filter())) {
            if (!BuiltKernels.built(workdir, target)) {
                services.console().warn("skipping " + target.kernelName() + ": not built (run kraft build)");
                continue;
            }
            KConfig kconfig = BuiltKernels.config(workdir, target);
            // A kernel that embeds its rootfs gets no initrd beside it, as in KraftKit.
            Optional<Rootfs> rootfs = EmbeddedInitrd.in(kconfig)
                    ? Optional.empty()
                    : rootfsSource.map(
                            source -> built.computeIfAbsent(target.arch(), arch -> rootfs(source, workdir, arch)));
            Path kernel = workdir.kernel(target);
            targets.add(target(
                    target.arch(),
                    target.plat(),
                    options.debugImage ? kernel.resolveSibling(kernel.getFileName() + ".dbg") : kernel,
                    kconfig,
                    project.cmd(),
                    List.of(),
                    project.env(),
                    project.labels(),
                    rootfs));
        }
        if (targets.isEmpty()) {
            throw new KraftException(ExitCode.STATE, "no built kernel to package; run kraft build first");
        }
        return targets;
    }

    /**
     * KraftKit's {@code kraftfile-runtime} packager: for each target, the runtime's kernel and
     * Kconfig with the built rootfs (else the runtime's own initrd), the runtime's cmd and env
     * under the Kraftfile's.
     */
    private List<Packager.Target> runtimeTargets(
            Project project, Workdir workdir, Runtimes runtimes, ImageRef runtime, Optional<String> rootfsSource) {
        Map<Arch, Rootfs> built = new EnumMap<>(Arch.class);
        List<Packager.Target> targets = new ArrayList<>();
        for (Target target : Runtimes.targets(project, options.targets.filter())) {
            Images.Boot boot = runtimes.boot(runtime, target);
            Optional<Rootfs> rootfs = rootfsSource
                    .map(source -> built.computeIfAbsent(target.arch(), arch -> rootfs(source, workdir, arch)))
                    .or(() -> boot.initrd().map(initrd -> Rootfs.plain(initrd, Runtimes.label(runtime))));
            Map<String, String> env = new LinkedHashMap<>(boot.env());
            env.putAll(project.env());
            targets.add(target(
                    target.arch(),
                    target.plat(),
                    boot.kernel(),
                    boot.kconfig(),
                    project.cmd(),
                    boot.cmd(),
                    env,
                    project.labels(),
                    rootfs));
        }
        return targets;
    }

    private Rootfs rootfs(String source, Workdir workdir, Arch arch) {
        return services.rootfs()
                .build(new RootfsBuilder.Request(
                        source,
                        workdir.root(),
                        arch,
                        InitrdEmbedding.defaultCpio(workdir.buildDir(), arch),
                        options.dockerfile.toOptions()));
    }

    /**
     * The image's args: --args, else the Kraftfile's cmd, else the rootfs image's, else a
     * runtime's; its env: the Kraftfile's (over a runtime's), the rootfs image's, then -e.
     */
    private Packager.Target target(
            Arch arch,
            Plat plat,
            Path kernel,
            KConfig kconfig,
            List<String> cmd,
            List<String> runtimeCmd,
            Map<String, String> env,
            Map<String, String> labels,
            Optional<Rootfs> rootfs) {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        for (String label : options.labels) {
            int equals = label.indexOf('=');
            if (equals <= 0) {
                throw new KraftException(ExitCode.USAGE, "-l " + label + ": expected KEY=VALUE");
            }
            allLabels.put(label.substring(0, equals), label.substring(equals + 1));
        }
        Map<String, String> baseEnv = new LinkedHashMap<>(env);
        rootfs.ifPresent(r -> baseEnv.putAll(r.envMap()));
        List<String> environment = BuildEnv.resolve(
                        baseEnv, options.env, services.env().vars())
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        // Cmd items reach the guest as KraftKit passes them, split by the guest: exact arguments are stored as words it
        // reads back.
        List<String> rootfsArgs = rootfs.map(Rootfs::args).orElse(List.of());
        List<String> args = !options.args.isEmpty()
                ? words(ShellWords.split(String.join(" ", options.args)))
                : !cmd.isEmpty() ? cmd : !rootfsArgs.isEmpty() ? words(rootfsArgs) : runtimeCmd;
        return new Packager.Target(
                arch,
                plat,
                kernel,
                rootfs.map(Rootfs::cpio),
                kconfig,
                !options.noKconfig,
                args,
                environment,
                allLabels);
    }

    private static List<String> words(List<String> args) {
        return args.stream().map(KernelCommandLine::word).toList();
    }
}
