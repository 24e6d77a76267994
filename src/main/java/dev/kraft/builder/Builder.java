package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.builder.kconfig.KConfigCheck;
import dev.kraft.builder.make.Make;
import dev.kraft.builder.make.MakeInvocation;
import dev.kraft.builder.musl.MuslTrimming;
import dev.kraft.log.Console;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Sizes;
import dev.kraft.unikraft.ComponentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out build plans: configure from the merged defconfig (and say which requested values
 * make did not keep), build (Unikraft's {@code all} fetches and prepares first), check that the
 * kernel is there and put it where KraftKit puts kernels. Configure is skipped when its inputs
 * are unchanged, make when nothing it reads changed since its last build ({@link BuildStamp}).
 */
public final class Builder {
    private final Make make;
    private final Console console;
    private final Optional<Ccache> ccache;
    private final Map<String, String> environment;
    private final UpstreamArchives archives;
    private final ReusedBuilds reused;

    /**
     * @param ccache      compiler caching for configure, prepare and build, when enabled and installed
     * @param environment the user's environment, which ccache's PATH extends
     * @param archives    the cache of libraries' upstream archives (make fetch)
     * @param reused      whole builds kept for other projects with the same inputs
     */
    public Builder(
            Make make,
            Console console,
            Optional<Ccache> ccache,
            Map<String, String> environment,
            UpstreamArchives archives,
            ReusedBuilds reused) {
        this.make = make;
        this.console = console;
        this.ccache = ccache;
        this.environment = environment;
        this.archives = archives;
        this.reused = reused;
    }

    public void build(Workdir workdir, TargetPlan plan, BuildOptions options) {
        Path log = log(workdir, options);
        String name = plan.target().kernelName();
        console.info("building " + name, "target", plan.target().platArch());
        Path stampFile = workdir.stateDir().resolve(name + ".built");
        BuildDirectory.claim(workdir, plan.outdir());
        Instant inputsRead = makeStarts(workdir.stateDir().resolve(name + ".make-started"));
        Optional<String> key = reuseKey(workdir, plan, options);
        boolean restored = key.isPresent() && restore(key.get(), workdir, plan, inputsRead);
        String fingerprint;
        if (restored) {
            fingerprint = Fingerprint.of(workdir, plan);
            write(plan.defconfigFile(), Defconfig.write(plan.kconfig()));
            store(workdir.stateDir().resolve(name + ".configured"), fingerprint);
        } else {
            try (AppMakefile ignored = AppMakefile.ensure(workdir.appDir())) {
                fingerprint = configure(workdir, plan, options);
            }
        }
        Map<String, String> makeEnvironment = buildEnvironment(workdir, plan, fingerprint);
        Optional<MuslTrimming> trimming = options.trimMusl() ? trimming(workdir, plan) : Optional.empty();
        TargetPlan made =
                trimming.map(t -> plan.withBuild(t.trimmed(plan.build()))).orElse(plan);
        if (restored) {
            console.info("reused the build of another project with the same inputs ("
                    + key.get().substring(0, 12) + "); make not run");
            keep(stamp(workdir, made, makeEnvironment), stampFile, inputsRead);
        } else if (stamp(workdir, made, makeEnvironment).matches(stampFile) && Files.isRegularFile(plan.madeKernel())) {
            console.info("nothing changed since the last build of " + name + "; make not run");
        } else {
            Path statsLog = statsLog(workdir, plan);
            forget(statsLog);
            placeArchives(workdir, plan.outdir());
            // A build that may be kept for reuse counts from when its key's inputs were read.
            Instant started =
                    key.isPresent() ? inputsRead : makeStarts(workdir.stateDir().resolve(name + ".make-started"));
            try (AppMakefile ignored = AppMakefile.ensure(workdir.appDir())) {
                if (trimming.isPresent()) {
                    trimming.get().build(plan.build(), make, call -> fetchingMake(call, log, makeEnvironment), log);
                } else {
                    fetchingMake(plan.build(), log, makeEnvironment);
                }
            }
            if (ccache.isPresent()) {
                console.info("ccache: " + Ccache.stats(statsLog).describe());
            }
            collectArchives(plan.outdir());
            if (!Files.isRegularFile(plan.madeKernel())) {
                throw new KraftException(
                        ExitCode.BUILD_FAILED,
                        "make succeeded but wrote no kernel at " + plan.madeKernel() + "; see " + log);
            }
            if (keep(stamp(workdir, made, makeEnvironment), stampFile, started) && key.isPresent()) {
                keepForReuse(key.get(), workdir, plan);
            }
        }
        BuiltKernels.publish(plan);
        console.info("built " + workdir.root().relativize(plan.kernel()), "size", size(plan.kernel()));
    }

    /** The trimming of the project's lib-musl, with its chosen sources kept beside the target's state. */
    private Optional<MuslTrimming> trimming(Workdir workdir, TargetPlan plan) {
        List<Path> libraries = workdir.project().components().stream()
                .filter(c -> c.type() == ComponentType.LIB)
                .map(workdir::dirOf)
                .toList();
        Optional<MuslTrimming> found = MuslTrimming.find(
                libraries,
                plan.outdir(),
                workdir.stateDir().resolve(plan.target().kernelName() + ".musl-sources"),
                console);
        if (found.isEmpty()) {
            console.debug("nothing to trim: the project has no library laid out as lib-musl");
        }
        return found;
    }

    /**
     * Makes sure the target is configured as the Kraftfile says; answers the fingerprint of the
     * configuration's inputs.
     */
    public String configure(Workdir workdir, TargetPlan plan, BuildOptions options) {
        Path log = log(workdir, options);
        String fingerprint = Fingerprint.of(workdir, plan);
        Path configured = workdir.stateDir().resolve(plan.target().kernelName() + ".configured");
        BuildDirectory.claim(workdir, plan.outdir());
        boolean haveConfig = Files.isRegularFile(plan.configFile());
        if (options.noConfigure()) {
            if (!haveConfig) {
                throw new KraftException(
                        ExitCode.STATE,
                        Input.NO_CONFIGURE,
                        "",
                        "there is no " + plan.configFile().getFileName()
                                + " to build with yet; configure it once (a build without this option)");
            }
            return fingerprint;
        }
        if (haveConfig && Fingerprint.matches(configured, fingerprint)) {
            console.debug("configuration of " + plan.target().kernelName() + " is unchanged; not configuring again");
            return fingerprint;
        }
        forget(configured);
        write(plan.defconfigFile(), Defconfig.write(plan.kconfig()));
        console.info("configuring " + plan.target().kernelName());
        make.run(plan.configure(), log, compilerEnvironment(workdir, plan, Ccache.Sources.HOST_TOOLS));
        List<String> lost = KConfigCheck.lostValues(plan.kconfig(), Defconfig.read(read(plan.configFile())));
        lost.forEach(message -> console.warn(plan.configFile().getFileName() + ": " + message));
        store(configured, fingerprint);
        return fingerprint;
    }

    /**
     * Configures the target if needed and runs another goal of Unikraft's make: {@code fetch},
     * or {@code menuconfig} with the terminal attached.
     */
    public void runGoal(Workdir workdir, TargetPlan plan, BuildOptions options, String goal, boolean attached) {
        try (AppMakefile ignored = AppMakefile.ensure(workdir.appDir())) {
            configure(workdir, plan, options);
            placeArchives(workdir, plan.outdir());
            MakeInvocation invocation = plan.build().withGoal(goal, Optional.empty());
            if (attached) {
                make.runAttached(invocation);
            } else {
                fetchingMake(invocation, log(workdir, options), Map.of());
            }
            collectArchives(plan.outdir());
        }
    }

    /**
     * What make runs with when it may compile: ccache's variables, if enabled. Configure counts
     * too, because Unikraft compiles its Kconfig tools then (about a second of a build).
     */
    private Map<String, String> compilerEnvironment(Workdir workdir, TargetPlan plan, Ccache.Sources sources) {
        return ccache.map(c -> c.environment(environment, workdir.root(), statsLog(workdir, plan), sources))
                .orElse(Map.of());
    }

    /**
     * The compiler environment for {@code make all}: with config.h keyed for ccache's direct
     * mode when that is safe ({@link ConfigHeaderKey}).
     */
    private Map<String, String> buildEnvironment(Workdir workdir, TargetPlan plan, String fingerprint) {
        Map<String, String> env = new HashMap<>(compilerEnvironment(workdir, plan, Ccache.Sources.KERNEL));
        if (ccache.isEmpty()) {
            return env;
        }
        String name = plan.target().kernelName();
        try {
            if (!pathMacrosUsed(workdir, plan, fingerprint)) {
                ConfigHeaderKey.write(
                                plan.outdir(),
                                plan.configFile(),
                                workdir.stateDir().resolve(name + ".config-key"))
                        .ifPresent(key -> env.putAll(key.ccacheVariables(
                                List.of(plan.outdir(), plan.build().core()))));
            }
        } catch (IOException e) {
            console.warn("cannot key config.h for ccache; other projects' objects will need the preprocessor: "
                    + e.getMessage());
        }
        return env;
    }

    /**
     * The content key of a target's first build ({@link ReuseKey}), when it may be reused or
     * kept: not with {@code --no-cache}, which builds everything again.
     */
    private Optional<String> reuseKey(Workdir workdir, TargetPlan plan, BuildOptions options) {
        // A trimmed build's make calls name a list of musl sources that kraft grows while it builds: no key for it
        // yet.
        if (options.noCache() || options.trimMusl()) {
            return Optional.empty();
        }
        Map<String, String> seen = new HashMap<>(environment);
        seen.putAll(compilerEnvironment(workdir, plan, Ccache.Sources.KERNEL));
        try {
            long started = System.nanoTime();
            boolean movable = ccache.isPresent() && !pathMacrosUsed(workdir, plan, Fingerprint.of(workdir, plan));
            Optional<String> key = ReuseKey.of(workdir, plan, seen, archives.identity(workdir, plan.outdir()), movable);
            console.debug("read what " + plan.target().kernelName() + " is built from in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return key;
        } catch (IOException e) {
            console.warn("cannot read what " + plan.target().kernelName() + " is built from, so no build is reused: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether a source names the paths config.h defines ({@link PathMacroScan}), remembered per configuration. */
    private static boolean pathMacrosUsed(Workdir workdir, TargetPlan plan, String fingerprint) throws IOException {
        return PathMacroScan.used(
                workdir, fingerprint, workdir.stateDir().resolve(plan.target().kernelName() + ".path-macros"));
    }

    private boolean restore(String key, Workdir workdir, TargetPlan plan, Instant inputsRead) {
        try {
            return reused.restore(key, workdir, plan, inputsRead);
        } catch (IOException e) {
            console.warn("cannot reuse the build of another project; building: " + e.getMessage());
            return false;
        }
    }

    private void keepForReuse(String key, Workdir workdir, TargetPlan plan) {
        try {
            long started = System.nanoTime();
            if (reused.store(key, workdir, plan)) {
                console.debug("kept this build for other projects with the same inputs (" + key.substring(0, 12)
                        + ") in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        } catch (IOException e) {
            console.warn("cannot keep this build for other projects: " + e.getMessage());
        }
    }

    /** Where ccache records this target's compilations; a build starts it afresh. */
    private static Path statsLog(Workdir workdir, TargetPlan plan) {
        return workdir.stateDir().resolve(plan.target().kernelName() + ".ccache-stats");
    }

    /** Runs a goal that fetches upstream archives; a failure to download one is named as such. */
    private void fetchingMake(MakeInvocation invocation, Path log, Map<String, String> makeEnvironment) {
        try {
            make.run(invocation, log, makeEnvironment);
        } catch (KraftException e) {
            throw MissingArchive.in(log).map(missing -> missing.failure(log, e)).orElse(e);
        }
    }

    private void placeArchives(Workdir workdir, Path outdir) {
        try {
            int placed = archives.place(workdir, outdir);
            if (placed > 0) {
                console.info(
                        "placed " + placed + " upstream archive(s) from the cache; make fetch will not download them");
            }
        } catch (IOException e) {
            console.warn("cannot place cached upstream archives: " + e.getMessage());
        }
    }

    private void collectArchives(Path outdir) {
        try {
            int stored = archives.collect(outdir);
            if (stored > 0) {
                console.info("kept " + stored + " upstream archive(s) in the cache for other projects");
            }
        } catch (IOException e) {
            console.warn("cannot keep upstream archives in the cache: " + e.getMessage());
        }
    }

    /** Every make call a build may run, for {@code --dry-run}. */
    public static List<MakeInvocation> steps(TargetPlan plan, BuildOptions options) {
        return options.noConfigure() ? List.of(plan.build()) : List.of(plan.configure(), plan.build());
    }

    /** The target's stamp as it is now; none that can match when its files cannot be read. */
    private BuildStamp stamp(Workdir workdir, TargetPlan plan, Map<String, String> makeEnvironment) {
        Map<String, String> seen = new HashMap<>(environment);
        seen.putAll(makeEnvironment);
        try {
            return BuildStamp.take(workdir, plan, seen);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot read the files of " + plan.target().kernelName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static Instant makeStarts(Path probe) {
        try {
            return BuildStamp.clock(probe);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + probe + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the stamp unless a source changed since {@code makeStarted}; answers whether it kept it. */
    private boolean keep(BuildStamp stamp, Path file, Instant makeStarted) {
        try {
            if (!stamp.store(file, makeStarted)) {
                console.debug("a source changed while make ran; the next build runs make again");
                return false;
            }
            return true;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path log(Workdir workdir, BuildOptions options) {
        return options.buildLog().orElse(workdir.stateDir().resolve("build.log"));
    }

    private static void store(Path file, String fingerprint) {
        try {
            Fingerprint.store(file, fingerprint);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void forget(Path file) {
        try {
            Fingerprint.forget(file);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KraftException(ExitCode.BUILD_FAILED, "configure wrote no " + file + ": " + e.getMessage(), e);
        }
    }

    private static String size(Path file) {
        try {
            return Sizes.binary(Files.size(file));
        } catch (IOException e) {
            return "?";
        }
    }
}
