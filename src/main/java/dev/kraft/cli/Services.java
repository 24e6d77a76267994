package dev.kraft.cli;

import dev.kraft.builder.Builder;
import dev.kraft.builder.Ccache;
import dev.kraft.builder.ComponentPlacer;
import dev.kraft.builder.ReusedBuilds;
import dev.kraft.builder.UpstreamArchives;
import dev.kraft.builder.make.Make;
import dev.kraft.builder.make.MakeRunner;
import dev.kraft.config.KraftDirs;
import dev.kraft.config.OciSettings;
import dev.kraft.config.RegistryLogins;
import dev.kraft.config.UserConfig;
import dev.kraft.config.UserConfigReader;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.log.ColorPolicy;
import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.log.Logging;
import dev.kraft.machine.Attachment;
import dev.kraft.machine.Launcher;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineStore;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.host.HostDrivers;
import dev.kraft.machine.network.LinkCommands;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.machine.network.NetworkStore;
import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.pkg.oci.RegistryAuth;
import dev.kraft.pkg.oci.RegistryClient;
import dev.kraft.pkg.oci.Tls;
import dev.kraft.pkg.source.GitSsh;
import dev.kraft.rootfs.RootfsBuilder;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.HomeOwnership;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Processes;
import dev.kraft.support.Retry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The composition root: builds each service the first time a command asks for it, from the
 * environment, the global options and config.yaml (read once), so a command that needs no Git
 * or YAML never loads them. Commands get what they use from here through their constructors,
 * as suppliers where the service depends on options parsed later (the console).
 */
public final class Services implements PackageServices {
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(60);
    private final Env env;
    private final GlobalOptions global;
    private UserConfig config;
    private KraftDirs dirs;
    private Console console;
    private MachineService machines;
    private HomeOwnership ownership;

    Services(Env env, GlobalOptions global) {
        this.env = env;
        this.global = global;
    }

    @Override
    public Env env() {
        return env;
    }

    @Override
    public KraftDirs dirs() {
        if (dirs == null) {
            dirs = global.over(
                    KraftDirs.resolve(
                            env.home(),
                            env.vars(),
                            Optional.ofNullable(global.configDir)
                                    .map(p -> env.cwd().resolve(p))),
                    env.cwd());
            ownership().claimTree(dirs.config());
        }
        return dirs;
    }

    /** Who gets back what this command writes under HOME when it runs as root with a user's HOME. */
    @Override
    public HomeOwnership ownership() {
        if (ownership == null) {
            ownership = HomeOwnership.of(env);
        }
        return ownership;
    }

    /** At the end of every command: gives back what it wrote, if it wrote anywhere ({@code kraft version} did not). */
    void restoreOwnership() {
        if (ownership != null) {
            ownership.restore();
        }
    }

    @Override
    public UserConfig config() {
        if (config == null) {
            config = global.over(UserConfigReader.read(dirs().configFile(), env.vars()));
        }
        return config;
    }

    @Override
    public Console console() {
        if (console == null) {
            LogLevel level = Optional.ofNullable(global.logLevel)
                    .map(text -> LogLevel.parse(text)
                            .orElseThrow(() -> new KraftException(
                                    ExitCode.USAGE,
                                    "--log-level " + text
                                            + ": expected error, warn, info, debug or trace (or fatal, panic)")))
                    .orElseGet(
                            () -> config().logLevel().flatMap(LogLevel::parse).orElse(LogLevel.INFO));
            LogType type = Optional.ofNullable(global.logType)
                    .map(text -> LogType.parse(text)
                            .orElseThrow(() -> new KraftException(
                                    ExitCode.USAGE, "--log-type " + text + ": expected basic, fancy, json or quiet")))
                    .orElseGet(() -> config().logType().flatMap(LogType::parse).orElse(LogType.BASIC));
            if (type == LogType.FANCY && !env.tty().stderr()) {
                type = LogType.BASIC;
            }
            boolean noColor = global.noColor || config().noColor();
            console = new Console(
                    type,
                    level,
                    ColorPolicy.useColor(env.vars(), noColor, env.tty().stderr()),
                    env.out(),
                    env.err(),
                    () -> env.tty().columns(env.vars()),
                    config().logTimestamps() ? Optional.of(env.clock()) : Optional.empty());
            Logging.applyLibraryLevel(level);
        }
        return console;
    }

    /** Whether what goes to stdout (help, tables) may be in colour: the console's policy, for the terminal stdout is. */
    boolean colorOnStdout() {
        return ColorPolicy.useColor(env.vars(), config().noColor(), env.tty().stdout());
    }

    /** What domain services tell the user, on the console. */
    public Notices notices() {
        Console c = console();
        return new Notices(m -> c.info(m), m -> c.warn(m), m -> c.debug(m), c);
    }

    /** Prompts only with a person at a terminal and nobody having said no. */
    @Override
    public boolean mayPrompt() {
        return env.tty().interactive() && !config().noPrompt();
    }

    /** Offline when the flag says so, or config.yaml's {@code offline} (KRAFTKIT_OFFLINE): decided here only. */
    @Override
    public boolean offline(boolean flag) {
        return flag || config().offline();
    }

    public KraftfileLoader kraftfiles() {
        return new KraftfileLoader(
                env.cwd(), env.home(), env.vars(), warning -> console().warn(warning));
    }

    public Processes processes() {
        return new Processes(env.vars(), notices().debug());
    }

    /**
     * The package manager: index, archive cache and git; offline, it never touches the network.
     *
     * @param refresh ask every remote and index source again, whatever their age ({@code --force-pull})
     */
    @Override
    public CompositePackageManager packages(boolean offlineFlag, boolean refresh) {
        Catalog.Settings settings = new Catalog.Settings(
                config().manifests(), refresh ? Duration.ZERO : config().indexMaxAge(), offline(offlineFlag));
        ownership().claimTree(dirs().sources());
        ownership().claimTree(dirs().manifests());
        return CompositePackageManager.create(
                dirs().manifests(),
                dirs().sources(),
                settings,
                env.clock(),
                () -> new GitSsh(env.home(), env.var("SSH_AUTH_SOCK")),
                notices());
    }

    /** The local OCI image store, {@code <runtime>/oci}. */
    @Override
    public OciStore imageStore() {
        ownership().claimTree(dirs().runtime().resolve("oci"));
        return new OciStore(dirs().runtime().resolve("oci"));
    }

    /** Images, pulled through a registry client with the logins kraft finds. */
    @Override
    public Images images() {
        return new Images(imageStore(), this::registry, notices());
    }

    /** Runtimes of runtime projects, short names in {@code oci.default_registry}; offline with the flag or config.yaml's {@code offline}. */
    @Override
    public Runtimes runtimes(boolean offlineFlag) {
        return new Runtimes(this::images, config().oci().defaultRegistry(), offline(offlineFlag));
    }

    /** A registry client with the logins kraft finds (auth.json, Docker's, Podman's) and config.yaml's oci settings. */
    @Override
    public RegistryClient registry() {
        RegistryLogins logins = logins();
        return registry(host -> logins.find(host).map(l -> new RegistryAuth.Login(l.user(), l.secret(), l.from())));
    }

    /** The logins kraft finds: its auth.json, then Docker's and Podman's files and the credential helpers they name. */
    @Override
    public RegistryLogins logins() {
        return new RegistryLogins(dirs().config(), env.home(), env.vars(), processes());
    }

    /** A registry client with the given logins only: {@code kraft login} checks a new one before storing it. */
    @Override
    public RegistryClient registry(RegistryAuth.Credentials credentials) {
        OciSettings settings = config().oci();
        return new RegistryClient(
                Tls.context(settings.existingCaFile()),
                settings.insecureRegistries(),
                REGISTRY_TIMEOUT,
                credentials,
                Retry.DOWNLOADS,
                notices());
    }

    /** The root filesystem builder: buildah with its storage in kraft's data dir, or the BuildKit of {@code buildkit_host}. */
    @Override
    public RootfsBuilder rootfs() {
        Path auth = dirs().config().resolve("auth.json");
        return new RootfsBuilder(
                console(),
                processes(),
                env.vars(),
                new RootfsBuilder.Settings(
                        dirs().data().resolve("buildah"),
                        config().buildkitHost(),
                        config().oci().insecureRegistries(),
                        Files.isRegularFile(auth) ? Optional.of(auth) : Optional.empty()),
                this::registry);
    }

    /** Places a project's components, fetched as {@code fetching} says. */
    @Override
    public ComponentPlacer placer(Fetching fetching) {
        return new ComponentPlacer(
                packages(fetching.offline(), fetching.refresh()).preferringGit(fetching.git()), console());
    }

    public Make make() {
        return new MakeRunner(processes(), console());
    }

    /** @param useCcache cache compilations with ccache when it is installed ({@code --no-ccache} says no) */
    public Builder builder(boolean useCcache) {
        Optional<Ccache> ccache = useCcache ? Ccache.detect(dirs().data().resolve("ccache")) : Optional.empty();
        ownership().claimTree(dirs().data().resolve("ccache"));
        ownership().claimTree(dirs().data().resolve("builds"));
        return new Builder(
                make(),
                console(),
                ccache,
                env.vars(),
                upstreamArchives(),
                new ReusedBuilds(dirs().data().resolve("builds")));
    }

    @Override
    public UpstreamArchives upstreamArchives() {
        ownership().claimTree(dirs().sources().resolve("upstream"));
        return new UpstreamArchives(dirs().sources().resolve("upstream"));
    }

    /** The machines of {@code <runtime>/machines}, with this host's hypervisors, each probed once per invocation and key. */
    public MachineService machines() {
        if (machines == null) {
            ownership().claimTree(dirs().runtime().resolve("machines"));
            HostDrivers drivers = new HostDrivers(
                    HostDrivers.Settings.of(
                            env.vars(), config().qemu(), config().firecracker(), config().disableAcceleration()),
                    notices(),
                    new Supervisor());
            machines = new MachineService(
                    new MachineStore(dirs().runtime().resolve("machines")),
                    drivers,
                    new LinkCommands(processes()),
                    new Supervisor(),
                    env.clock());
        }
        return machines;
    }

    /** What {@code kraft run} gives a machine unless told: config.yaml's publish address, named volumes under the runtime dir. */
    RunCommand.Defaults runDefaults() {
        ownership().claimTree(dirs().runtime().resolve("volumes"));
        return new RunCommand.Defaults(
                config().publishAddress().orElse(PortMapping.DEFAULT_ADDRESS),
                dirs().runtime().resolve("volumes"));
    }

    public Launcher launcher() {
        return new Launcher(machines(), this::networks, notices(), env.clock());
    }

    public Attachment attachment() {
        return new Attachment(machines());
    }

    public NetworkService networks() {
        ownership().claimTree(dirs().runtime().resolve("networks"));
        return new NetworkService(new NetworkStore(dirs().runtime()), new LinkCommands(processes()));
    }
}
