package dev.kraft.cli;

import dev.kraft.builder.BuildEnv;
import dev.kraft.builder.BuildOptions;
import dev.kraft.builder.Builder;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.TargetPlan;
import dev.kraft.builder.Workdir;
import dev.kraft.kraftfile.Project;
import dev.kraft.log.Console;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.rootfs.InitrdEmbedding;
import dev.kraft.rootfs.Rootfs;
import dev.kraft.rootfs.RootfsBuilder;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.EmbeddedInitrd;
import dev.kraft.unikraft.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft build}: from a Kraftfile to a kernel in {@code .unikraft/build}. */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        aliases = "bld",
        description = "Configure and build a unikernel from the project's Kraftfile.",
        footer = {
            "",
            "Examples:",
            "  kraft build                  build the project's target",
            "  kraft build -t qemu/x86_64   build one of several targets",
            "  kraft build --all            build every target",
            "  kraft build -e GREETING=hi   compile a variable into the kernel",
            "  kraft build --dry-run        print components, kconfig, make calls"
        })
final class BuildCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;
    private final Function<Fetching, ComponentPlacer> placer;
    private final Function<Boolean, Builder> builder;
    private final BooleanSupplier parallel;
    private final BooleanSupplier trimMuslByDefault;
    private final Supplier<RootfsBuilder> rootfsBuilder;
    private final Function<Boolean, Runtimes> runtimes;
    private final Supplier<Processes> processes;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(names = "--all", description = "Build every target that matches (all of them without -t/--plat/--arch).")
    boolean all;

    @Option(names = "--dry-run", description = "Print the plan and run nothing; needs no network.")
    boolean dryRun;

    @Mixin
    ComponentOptions components = new ComponentOptions();

    @Option(names = "--no-update", description = "Use components as placed in .unikraft without asking their remotes.")
    boolean noUpdate;

    @Mixin
    GitOptions git = new GitOptions();

    @Option(
            names = "--offline",
            description = "Use only cached packages and the local index; never the network (also KRAFTKIT_OFFLINE=1).")
    boolean offline;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Parallel make jobs (default: all cores).")
    Integer jobs;

    @Option(names = "--no-fast", description = "Run make without -j (as --no-parallel does).")
    boolean noFast;

    @Option(
            names = "--print-stats",
            description = "After each build, print the lines of source code in the kernel (objdump -dl of its .dbg).")
    boolean printStats;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    CompatFlags.IGNORED
                            + "KraftKit does not use it either; each target's configuration is .config.<name>_<plat>-<arch>, made from the Kraftfile.")
    String dotConfig;

    @Option(
            names = "--dbg",
            description =
                    CompatFlags.IGNORED
                            + "every build writes the debug image <kernel>.dbg beside the kernel (kraft run --symbolic boots it).")
    boolean debugImage;

    @Option(
            names = "--no-fetch",
            description =
                    CompatFlags.IGNORED
                            + "KraftKit does not use it either; make fetches the libraries' upstream sources as it builds (kraft fetch fetches them alone).")
    boolean noFetch;

    @Option(
            names = "--build-log",
            paramLabel = "FILE",
            description = "Write make's output to FILE (default: <build dir>/.kraft/build.log).")
    Path buildLog;

    @Option(
            names = "--no-ccache",
            description = "Do not cache compilations with ccache (used by default when installed).")
    boolean noCcache;

    @Option(
            names = "--trim-musl",
            negatable = true,
            description = "Compile only the sources of lib-musl the kernel links against, and say how many of how many"
                    + " (default: trim_musl in config.yaml, else off).")
    Boolean trimMusl;

    @Option(
            names = {"-e", "--env"},
            paramLabel = "NAME[=VALUE]",
            description = "Compile an environment variable into the kernel; NAME alone takes your value.")
    List<String> env = new ArrayList<>();

    @Option(
            names = "--rootfs",
            paramLabel = "PATH",
            description =
                    "Build this root file system (a CPIO file, directory, Dockerfile or image reference) instead of the Kraftfile's.")
    String rootfs;

    @Option(names = "--no-rootfs", description = "Do not build the root file system.")
    boolean noRootfs;

    @Option(
            names = {"-r", "--runtime"},
            paramLabel = "REF",
            description = "Use this prebuilt runtime (an image) instead of the Kraftfile's runtime:.")
    String runtime;

    @Mixin
    DockerfileBuildOptions dockerfile = new DockerfileBuildOptions();

    /**
     * @param placer   places components, as the fetch flags ask
     * @param builder  builds: (with ccache)
     * @param parallel whether make gets -j (config.yaml's no_parallel says no)
     * @param trimMuslByDefault config.yaml's {@code trim_musl}, which --[no-]trim-musl overrides
     * @param rootfsBuilder builds the root filesystem, before make
     * @param runtimes the runtime of a runtime project: (offline)
     * @param processes runs objdump for --print-stats
     */
    BuildCommand(
            Projects projects,
            Supplier<Console> console,
            Function<Fetching, ComponentPlacer> placer,
            Function<Boolean, Builder> builder,
            BooleanSupplier parallel,
            BooleanSupplier trimMuslByDefault,
            Supplier<RootfsBuilder> rootfsBuilder,
            Function<Boolean, Runtimes> runtimes,
            Supplier<Processes> processes) {
        this.projects = projects;
        this.console = console;
        this.placer = placer;
        this.builder = builder;
        this.parallel = parallel;
        this.trimMuslByDefault = trimMuslByDefault;
        this.rootfsBuilder = rootfsBuilder;
        this.runtimes = runtimes;
        this.processes = processes;
    }

    @Override
    public Integer call() {
        Project loaded = project.load(projects);
        Runtimes prebuilt = runtimes.apply(offline);
        Optional<ImageRef> runtimeRef = prebuilt.of(loaded, Optional.ofNullable(runtime));
        if (runtimeRef.isPresent()) {
            return buildRuntimeProject(loaded, prebuilt, runtimeRef.get());
        }
        BuildOptions options = options(loaded);
        ProjectOptions.Selected selected = project.select(projects, loaded, all, options);
        if (dryRun) {
            PlanPrinter.print(
                    selected.workdir(), selected.plans(), options, console.get().out());
            return 0;
        }
        placer.apply(new Fetching(offline, components.forcePull, git.git)).placeAll(selected.workdir(), options);
        buildRootfs(loaded, selected);
        Builder build = builder.apply(!noCcache);
        for (TargetPlan plan : selected.plans()) {
            build.build(selected.workdir(), plan, options);
            if (printStats) {
                BuildStatistics.print(processes.get(), console.get(), plan.kernel());
            }
        }
        return 0;
    }

    /**
     * KraftKit's {@code kraftfile-runtime} builder: the runtime of each target from the store or
     * pulled once, then the rootfs; no make. A dry run prints that plan from the store alone.
     */
    private int buildRuntimeProject(Project loaded, Runtimes prebuilt, ImageRef runtimeRef) {
        List<Target> targets = loaded.targets().isEmpty()
                ? Runtimes.targets(loaded, project.targets.filter())
                : projects.select(loaded, project.targets.filter(), all);
        Optional<String> source = rootfsSource(loaded);
        Workdir workdir = new Workdir(loaded);
        if (dryRun) {
            PlanPrinter.printRuntime(
                    workdir,
                    runtimeRef,
                    targets.stream().map(t -> prebuilt.planned(runtimeRef, t)).toList(),
                    source,
                    console.get().out());
            return 0;
        }
        for (Target target : targets) {
            Images.Boot boot = prebuilt.boot(runtimeRef, target);
            console.get().info(Runtimes.label(runtimeRef) + " " + target.platArch(), "manifest", boot.digest());
        }
        source.ifPresent(rootfs ->
                buildRootfs(loaded, rootfs, workdir.buildDir(), targets.stream().map(Target::arch)));
        return 0;
    }

    /** {@code --rootfs}, else the Kraftfile's, unless {@code --no-rootfs}. */
    private Optional<String> rootfsSource(Project loaded) {
        return noRootfs
                ? Optional.empty()
                : Optional.ofNullable(rootfs)
                        .map(r -> RunRootfs.fromCommandLine(r, projects.env()))
                        .or(loaded::rootfs);
    }

    /**
     * Builds the rootfs before make, as KraftKit does, once per architecture, to
     * {@code initramfs-<arch>.cpio} in the build dir, where an embedding kernel finds it.
     */
    private void buildRootfs(Project loaded, ProjectOptions.Selected selected) {
        Optional<String> source = rootfsSource(loaded);
        if (source.isEmpty()) {
            selected.plans().stream()
                    .filter(plan -> EmbeddedInitrd.in(plan.kconfig()))
                    .findFirst()
                    .ifPresent(plan -> {
                        Path cpio = InitrdEmbedding.defaultCpio(
                                selected.workdir().buildDir(), plan.target().arch());
                        if (cpio.toString().equals(plan.kconfig().asMap().get(InitrdEmbedding.PATH_OPTION))
                                && !Files.isRegularFile(cpio)) {
                            throw new KraftException(
                                    ExitCode.INVALID_INPUT,
                                    loaded.kraftfile() + ": " + plan.target().kernelName()
                                            + " embeds its initrd (" + InitrdEmbedding.PATH_OPTION
                                            + " is kraft's rootfs), but there is no rootfs to build"
                                            + (noRootfs ? " (--no-rootfs)" : "")
                                            + ": add rootfs: (a directory, CPIO file, Dockerfile or image) or pass --rootfs");
                        }
                    });
            return;
        }
        buildRootfs(
                loaded,
                source.get(),
                selected.workdir().buildDir(),
                selected.plans().stream().map(plan -> plan.target().arch()));
    }

    private void buildRootfs(Project loaded, String source, Path buildDir, Stream<Arch> archs) {
        archs.distinct().forEach(arch -> {
            Rootfs built = rootfsBuilder
                    .get()
                    .build(new RootfsBuilder.Request(
                            source,
                            loaded.workdir(),
                            arch,
                            InitrdEmbedding.defaultCpio(buildDir, arch),
                            dockerfile.toOptions()));
            console.get().info("built rootfs " + loaded.workdir().relativize(built.cpio()), "via", built.builtBy());
        });
    }

    private BuildOptions options(Project loaded) {
        if (jobs != null && jobs < 1) {
            throw new KraftException(ExitCode.USAGE, "--jobs " + jobs + ": must be at least 1");
        }
        Optional<Integer> makeJobs = jobs != null
                ? Optional.of(jobs)
                : parallel.getAsBoolean() && !noFast
                        ? Optional.of(Runtime.getRuntime().availableProcessors())
                        : Optional.empty();
        return new BuildOptions(
                components.noConfigure,
                noUpdate,
                components.forcePull,
                components.noCache,
                makeJobs,
                Optional.ofNullable(buildLog).map(p -> projects.env().cwd().resolve(p)),
                BuildEnv.resolve(loaded.env(), env, projects.env().vars()),
                trimMusl != null ? trimMusl : trimMuslByDefault.getAsBoolean());
    }
}
