package dev.kraft.cli;

import dev.kraft.build.Builder;
import dev.kraft.build.Ccache;
import dev.kraft.build.UpstreamArchives;
import dev.kraft.build.ComponentPlacer;
import dev.kraft.build.make.MakeRunner;
import dev.kraft.config.KraftDirs;
import dev.kraft.config.UserConfig;
import dev.kraft.config.UserConfigReader;
import dev.kraft.kraftfile.KraftfileLoader;
import dev.kraft.log.ColorPolicy;
import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import dev.kraft.log.Logging;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineStore;
import dev.kraft.machine.MachineDriver;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.firecracker.FirecrackerDriver;
import dev.kraft.machine.network.LinkCommands;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.machine.network.NetworkStore;
import dev.kraft.machine.qemu.QemuDriver;
import dev.kraft.machine.qemu.QemuHost;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import dev.kraft.machine.qemu.QemuHostProbe;
import dev.kraft.machine.xen.XenDriver;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.config.OciSettings;
import dev.kraft.config.RegistryLogins;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.pkg.oci.RegistryAuth;
import dev.kraft.pkg.oci.RegistryClient;
import dev.kraft.pkg.oci.Tls;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The composition root: builds each service the first time a command asks for it, from the
 * environment and the global options, so a command that needs no Git or YAML never loads them.
 */
public final class Services {
    private final Env env;
    private final GlobalOptions global;
    private UserConfig config;
    private KraftDirs dirs;
    private Console console;
    private QemuHost qemuHost;

    Services(Env env, GlobalOptions global) {
        this.env = env;
        this.global = global;
    }

    public Env env() {
        return env;
    }

    public KraftDirs dirs() {
        if (dirs == null) {
            dirs = KraftDirs.resolve(env.home(), env.vars(), Optional.ofNullable(global.configDir).map(p -> env.cwd().resolve(p)));
        }
        return dirs;
    }

    public UserConfig config() {
        if (config == null) {
            config = UserConfigReader.read(dirs().configFile(), env.vars());
        }
        return config;
    }

    public Console console() {
        if (console == null) {
            LogLevel level = Optional.ofNullable(global.logLevel).map(text -> LogLevel.parse(text).orElseThrow(() ->
                    new KraftException(ExitCode.USAGE, "--log-level " + text + ": expected error, warn, info, debug or trace")))
                    .orElseGet(() -> config().get("log.level").flatMap(LogLevel::parse).orElse(LogLevel.INFO));
            LogType type = Optional.ofNullable(global.logType).map(text -> LogType.parse(text).orElseThrow(() ->
                    new KraftException(ExitCode.USAGE, "--log-type " + text + ": expected basic, fancy, json or quiet")))
                    .orElseGet(() -> config().get("log.type").flatMap(LogType::parse).orElse(LogType.BASIC));
            if (type == LogType.FANCY && !env.tty().stderr()) {
                type = LogType.BASIC;
            }
            boolean noColor = global.noColor || config().flag("no_color");
            console = new Console(type, level, ColorPolicy.useColor(env.vars(), noColor, env.tty().stderr()), env.out(), env.err());
            Logging.applyLibraryLevel(level);
        }
        return console;
    }

    /** Prompts only with a person at a terminal and nobody having said no. */
    public boolean mayPrompt() {
        return env.tty().interactive() && !global.noPrompt && !config().flag("no_prompt");
    }

    public int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public boolean parallel() {
        return !config().flag("no_parallel");
    }

    public KraftfileLoader kraftfiles() {
        return new KraftfileLoader(env.cwd(), env.home(), env.vars());
    }

    public Processes processes() {
        return new Processes(env.vars());
    }

    /** The package manager: index, archive cache and git; offline, it never touches the network. */
    public CompositePackageManager packages(boolean offline) {
        return Packaging.manager(this, offline, false);
    }

    /** The local OCI image store, {@code <runtime>/oci}. */
    public OciStore images() {
        return new OciStore(dirs().runtime().resolve("oci"));
    }

    /** A registry client with the logins kraft finds (auth.json, Docker's, Podman's) and config.yaml's oci settings. */
    public RegistryClient registry() {
        RegistryLogins logins = new RegistryLogins(dirs().config(), env.home(), env.vars());
        return registry(host -> logins.find(host).map(l -> new RegistryAuth.Login(l.user(), l.secret(), l.from().toString())));
    }

    /** A registry client with the given logins only: {@code kraft login} checks a new one before storing it. */
    public RegistryClient registry(RegistryAuth.Credentials credentials) {
        OciSettings settings = OciSettings.read(dirs().configFile(), env.vars());
        return new RegistryClient(Tls.context(settings.caFile()), settings.insecureRegistries(),
                java.time.Duration.ofSeconds(60), credentials);
    }

    public ComponentPlacer placer() {
        return placer(false, false);
    }

    /** @param refresh ask every remote and index source again, whatever their age ({@code --force-pull}) */
    public ComponentPlacer placer(boolean offline, boolean refresh) {
        return new ComponentPlacer(Packaging.manager(this, offline, refresh), console());
    }

    public MakeRunner make() {
        return new MakeRunner(processes(), console());
    }

    public Builder builder() {
        return builder(false);
    }

    /** @param useCcache cache compilations with ccache when it is installed ({@code --no-ccache} says no) */
    public Builder builder(boolean useCcache) {
        Optional<Ccache> ccache = useCcache ? Ccache.detect(dirs().data().resolve("ccache")) : Optional.empty();
        return new Builder(make(), console(), ccache, env.vars(), new UpstreamArchives(dirs().sources().resolve("upstream")));
    }

    public MachineService machines() {
        return new MachineService(new MachineStore(dirs().runtime()), this::driver, new LinkCommands(processes()), env.clock());
    }

    public NetworkService networks() {
        return new NetworkService(new NetworkStore(dirs().runtime()), new LinkCommands(processes()));
    }

    /**
     * The QEMU host for an architecture, probed once per invocation, its warnings (no KVM, and
     * why) shown when it is first asked for.
     */
    public QemuHost qemuHost(Arch arch, boolean forceEmulation) {
        if (qemuHost == null) {
            QemuHostProbe.Probe probe = new QemuHostProbe(env.vars(), Path.of(env.vars().getOrDefault("HOST_DEV", "/dev"), "kvm"))
                    .probe(arch, config().get("qemu"), forceEmulation);
            probe.warnings().forEach(console()::warn);
            qemuHost = probe.host();
        }
        return qemuHost;
    }

    private MachineDriver driver(Plat plat) {
        return switch (plat) {
            case QEMU -> new QemuDriver(() -> qemuHost(Arch.X86_64, false), new Supervisor());
            case FC -> new FirecrackerDriver(env.vars(), config().get("firecracker"), new Supervisor());
            case XEN -> new XenDriver(env.vars());
        };
    }
}
