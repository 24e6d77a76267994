package dev.kraft.cli;

import dev.kraft.config.KraftDirs;
import dev.kraft.config.UserConfig;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after its name ({@code kraft --log-level debug build}
 * and {@code kraft build --log-level debug} alike): KraftKit's global flags, one per setting of
 * config.yaml ({@code config/config.go}). A flag wins over the environment and config.yaml
 * ({@link #over}, {@link #over(KraftDirs, Path)}); the console and the prompt read theirs in {@link Services}.
 */
public final class GlobalOptions {
    @Option(
            names = "--log-level",
            scope = ScopeType.INHERIT,
            paramLabel = "LEVEL",
            completionCandidates = Choices.LogLevels.class,
            description =
                    "How much to say: error, warn, info (default), debug, trace (KraftKit's fatal and panic mean error). Stack traces appear only at debug.")
    String logLevel;

    @Option(
            names = "--log-type",
            scope = ScopeType.INHERIT,
            paramLabel = "TYPE",
            completionCandidates = Choices.LogTypes.class,
            description =
                    "How to say it: basic (default, plain lines), fancy (colour and live progress, on a terminal only), json (one object per line), quiet.")
    String logType;

    @Option(
            names = "--log-timestamps",
            scope = ScopeType.INHERIT,
            description =
                    "Start every message with the time it was written (also log.timestamps, KRAFTKIT_LOG_TIMESTAMPS).")
    boolean logTimestamps;

    @Option(
            names = "--no-color",
            scope = ScopeType.INHERIT,
            description = "Never write colour, help included (as NO_COLOR=1, TERM=dumb and KRAFTKIT_NO_COLOR do).")
    boolean noColor;

    @Option(
            names = "--no-prompt",
            scope = ScopeType.INHERIT,
            description = "Never ask a question; fail instead (also KRAFTKIT_NO_PROMPT).")
    boolean noPrompt;

    @Option(
            names = "--no-parallel",
            scope = ScopeType.INHERIT,
            description = "Run make without -j (also no_parallel, KRAFTKIT_NO_PARALLEL).")
    boolean noParallel;

    @Option(
            names = "--no-emojis",
            scope = ScopeType.INHERIT,
            description = "kraft never writes emojis; accepted for KraftKit's scripts.")
    boolean noEmojis;

    @Option(
            names = "--no-check-updates",
            scope = ScopeType.INHERIT,
            description = "kraft never checks for updates; accepted for KraftKit's scripts.")
    boolean noCheckUpdates;

    @Option(
            names = "--no-warn-sudo",
            scope = ScopeType.INHERIT,
            description =
                    "kraft does not warn under sudo (it gives what it writes under your HOME back to you); accepted for KraftKit's scripts.")
    boolean noWarnSudo;

    @Option(
            names = "--config-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Where config.yaml is (default $KRAFTKIT_CONFIG_DIR, then $XDG_CONFIG_HOME/kraftkit, then ~/.config/kraftkit).")
    Path configDir;

    @Option(
            names = "--runtime-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Where machines, networks and images live (default $KRAFTKIT_RUNTIME_DIR, then <data dir>/runtime).")
    Path runtimeDir;

    @Option(
            names = "--manifests-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Where the package index is kept (default $KRAFTKIT_PATHS_MANIFESTS, then <data dir>/manifests).")
    Path manifestsDir;

    @Option(
            names = "--sources-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "Where the source cache is (default $KRAFTKIT_PATHS_SOURCES, then <data dir>/sources).")
    Path sourcesDir;

    @Option(
            names = "--with-manifest",
            scope = ScopeType.INHERIT,
            paramLabel = "URL|DIR",
            split = ",",
            description =
                    "Package index sources for this command, instead of config.yaml's unikraft.manifests (repeatable, or comma-separated).")
    List<String> withManifest = new ArrayList<>();

    @Option(
            names = "--qemu",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "The QEMU binary for every architecture (also qemu, KRAFTKIT_QEMU).")
    String qemu;

    @Option(
            names = "--buildkit-host",
            scope = ScopeType.INHERIT,
            paramLabel = "ADDRESS",
            description =
                    "Build Dockerfile root filesystems with this BuildKit daemon (also buildkit_host, KRAFTKIT_BUILDKIT_HOST).")
    String buildkitHost;

    @Option(
            names = "--with-mirror",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            split = ",",
            description =
                    CompatFlags.IGNORED + "KraftKit reads no mirrors either; the package index names each archive.")
    List<String> withMirror = new ArrayList<>();

    @Option(
            names = "--git-protocol",
            scope = ScopeType.INHERIT,
            paramLabel = "PROTOCOL",
            description =
                    CompatFlags.IGNORED + "KraftKit does not use it either; kraft clones with the URL it is given.")
    String gitProtocol;

    @Option(
            names = "--editor",
            scope = ScopeType.INHERIT,
            paramLabel = "PROGRAM",
            description = CompatFlags.IGNORED + "kraft opens no editor (KraftKit does not use it either).")
    String editor;

    @Option(
            names = "--pager",
            scope = ScopeType.INHERIT,
            paramLabel = "PROGRAM",
            description = CompatFlags.IGNORED + "kraft pages nothing; pipe it to a pager.")
    String pager;

    @Option(
            names = "--plugins-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = CompatFlags.IGNORED + "kraft has no plugins.")
    Path pluginsDir;

    @Option(
            names = "--http-unix-sock",
            scope = ScopeType.INHERIT,
            paramLabel = "SOCKET",
            description = CompatFlags.IGNORED + "kraft connects to registries and index sources directly.")
    Path httpUnixSocket;

    @Option(
            names = "--containerd-addr",
            scope = ScopeType.INHERIT,
            paramLabel = "ADDRESS",
            description =
                    CompatFlags.IGNORED
                            + "kraft keeps images in its own OCI store, never in containerd's (kraft-runu runs them under containerd).")
    String containerdAddress;

    @Option(
            names = "--events-pid-file",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = CompatFlags.IGNORED + "kraft runs no events daemon: each machine has its own supervisor.")
    Path eventsPidFile;

    /** config.yaml and the environment, with the settings these flags give laid over them. */
    UserConfig over(UserConfig config) {
        return new UserConfig(
                config.logLevel(),
                config.logType(),
                logTimestamps || config.logTimestamps(),
                noColor || config.noColor(),
                noPrompt || config.noPrompt(),
                noParallel || config.noParallel(),
                config.trimMusl(),
                Optional.ofNullable(qemu).or(config::qemu),
                config.firecracker(),
                Optional.ofNullable(buildkitHost).or(config::buildkitHost),
                config.offline(),
                config.disableAcceleration(),
                config.publishAddress(),
                config.indexMaxAge(),
                withManifest.isEmpty() ? config.manifests() : withManifest,
                config.oci());
    }

    /** The directories, those these flags name instead (relative to {@code cwd}). */
    KraftDirs over(KraftDirs dirs, Path cwd) {
        return new KraftDirs(
                dirs.config(),
                dirs.data(),
                Optional.ofNullable(sourcesDir).map(cwd::resolve).orElse(dirs.sources()),
                Optional.ofNullable(manifestsDir).map(cwd::resolve).orElse(dirs.manifests()),
                Optional.ofNullable(runtimeDir).map(cwd::resolve).orElse(dirs.runtime()));
    }

    /**
     * The names of the options that take a value: what a scan of the arguments must skip to find
     * the command's name before anything is parsed ({@link CommandGroups#requestedCommand}).
     */
    static List<String> withValues() {
        List<String> names = new ArrayList<>();
        for (Field field : GlobalOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && field.getType() != boolean.class) {
                names.addAll(Arrays.asList(option.names()));
            }
        }
        return names;
    }
}
