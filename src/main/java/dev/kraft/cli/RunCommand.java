package dev.kraft.cli;

import dev.kraft.builder.BuildEnv;
import dev.kraft.log.Console;
import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.Launcher;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineRequest;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Quantity;
import dev.kraft.rootfs.Rootfs;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.CommandLineSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft run}: boots a built project target, a runtime project, a kernel file or an image, like {@code docker run}:
 * attached by default (console on stdout, Ctrl-C stops it, the guest's exit code becomes
 * kraft's), or detached with {@code -d}. It only reads its arguments into a
 * {@link MachineRequest}; the {@link Launcher} does the rest.
 */
@Command(
        name = "run",
        aliases = "r",
        mixinStandardHelpOptions = true,
        description = "Run a unikernel as a machine.",
        footer = {
            "",
            "Examples:",
            "  kraft run                          run the project's built kernel",
            "  kraft run -d --name web -p 8080:80 in the background, port 8080 published",
            "  kraft run -M 256Mi -e DEBUG=1 -- --verbose   memory, env, app args",
            "  kraft run .unikraft/build/hello_qemu-x86_64  a kernel file",
            "  kraft run --plat qemu unikraft.org/helloworld:latest   an image, pulled if needed",
            "  kraft run -r unikraft.org/base:latest   the project's rootfs and cmd on this runtime"
        })
final class RunCommand implements Callable<Integer> {
    private final Supplier<Launcher> launcher;
    private final Foreground foreground;
    private final BootSources sources;
    private final RunRootfs rootfses;
    private final Supplier<Console> console;
    private final Env env;
    private final Supplier<Defaults> defaults;

    @Mixin
    RunOptions options = new RunOptions();

    /** Added by {@link #commandLine}, the platform without {@code -p}. */
    final TargetOptions targets = new TargetOptions();

    @Parameters(
            paramLabel = "[PROJECT|KERNEL|IMAGE] [-- ARGS]",
            description =
                    "A project directory, kernel file or image reference, then -- and the application's arguments.")
    List<String> positional = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /**
     * What a machine gets unless the flags say otherwise, from the configuration.
     *
     * @param publishAddress where {@code -p} listens when it names no address
     * @param volumes        where named volumes ({@code -v NAME:/path}) live
     */
    record Defaults(String publishAddress, Path volumes) {}

    RunCommand(
            Supplier<Launcher> launcher,
            Foreground foreground,
            BootSources sources,
            RunRootfs rootfses,
            Supplier<Console> console,
            Env env,
            Supplier<Defaults> defaults) {
        this.launcher = launcher;
        this.foreground = foreground;
        this.sources = sources;
        this.rootfses = rootfses;
        this.console = console;
        this.env = env;
        this.defaults = defaults;
    }

    /** The command with its platform options, {@code --plat} without {@code -p}. */
    static CommandLine commandLine(RunCommand run) {
        CommandSpec command = CommandSpec.forAnnotatedObject(run);
        TargetOptions.addWithoutShortPlat(command, run.targets);
        return new CommandLine(command);
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        List<String> beforeDashes =
                dashes < 0 ? positional : positional.subList(0, positional.size() - (original.size() - dashes - 1));
        List<String> cliAppArgs = dashes < 0 ? List.of() : positional.subList(beforeDashes.size(), positional.size());
        if (beforeDashes.size() > 1) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "expected one project or kernel, got " + String.join(" ", beforeDashes)
                            + "; put the application's arguments after --");
        }
        Defaults given = defaults.get();
        List<PortMapping> ports = options.ports.stream()
                .flatMap(p -> PortMapping.publish(p, given.publishAddress()).stream())
                .map(PortMapping::withFreeHostPort)
                .toList();
        List<String> networks = networks();
        BootSource source = sources.resolve(
                beforeDashes.stream().findFirst(),
                targets,
                BootSources.Runner.parse(options.runAs),
                options.offline,
                Optional.ofNullable(options.runtime));
        Optional<Rootfs> rootfs = rootfses.build(source, Optional.ofNullable(options.rootfs));
        List<String> rootfsArgs = rootfs.map(Rootfs::args).orElse(List.of());
        // The Kraftfile's cmd, else the rootfs image's, else a runtime's own.
        CommandLineSplit cmd = CommandLineSplit.of(
                !source.cmd().isEmpty() || !rootfsArgs.isEmpty() ? source.cmd() : source.runtimeCmd());
        Map<String, String> sourceEnv = new LinkedHashMap<>(source.env());
        rootfs.ifPresent(r -> sourceEnv.putAll(r.envMap()));
        MachineSpec machine = MachineSpec.builder()
                .source(source.label())
                .kernel(
                        options.symbolic
                                ? source.kernel().resolveSibling(source.kernel().getFileName() + ".dbg")
                                : source.kernel())
                .initrd(rootfs.map(Rootfs::cpio).or(source::initrd))
                .initrdAsRoot(source.initrdAsRoot())
                .arch(source.arch())
                .plat(source.plat())
                .memoryBytes(Quantity.parseBytes(options.memory))
                .cpus(options.cpus)
                .kernelArgs(options.kernelArgs.isEmpty() ? cmd.kernelArgs() : options.kernelArgs)
                .appArgs(
                        !cliAppArgs.isEmpty()
                                ? cliAppArgs
                                : !cmd.appArgs().isEmpty()
                                        ? KernelCommandLine.asKraftKitPassesThem(cmd.appArgs())
                                        : rootfsArgs)
                .env(BuildEnv.resolve(sourceEnv, options.env, env.vars()))
                .ports(ports)
                .volumes(Stream.concat(
                                source.volumes().stream(),
                                options.volumes.stream().map(v -> volume(v, given.volumes())))
                        .toList())
                .emulation(options.noAcceleration)
                .autoRemove(options.remove && options.detach)
                .build();
        Launcher launch = launcher.get();
        MachineRecord created = launch.create(new MachineRequest(
                Optional.ofNullable(options.name), machine, networks, source.fromImage(), source.kconfig()));
        if (options.noStart) {
            console.get().out().println(created.name());
            return 0;
        }
        MachineRecord running = launch.start(created);
        if (options.detach) {
            console.get().out().println(running.name());
            return 0;
        }
        String prefix = Optional.ofNullable(options.prefix).orElse("");
        return foreground.attach(
                launch.machines(),
                List.of(running),
                new Foreground.Options(
                        m -> prefix + (options.prefixName ? m.name() + " " : ""),
                        options.remove,
                        options.firmwarePreamble));
    }

    /** The networks to join: {@code --ip} is the address on the one {@code --network} given. */
    private List<String> networks() {
        if (options.ip == null) {
            return options.networks;
        }
        if (options.networks.size() != 1 || options.networks.get(0).contains(":")) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "--ip " + options.ip + ": give exactly one --network NAME for it"
                            + " (with several, name each address: --network NAME:IP)");
        }
        return List.of(options.networks.get(0) + ":" + options.ip);
    }

    /**
     * {@code host:guest[:ro]}, the guest path absolute; a host part that is a plain name and no
     * existing path is a named volume, a directory of kraft's made on first use (as docker does).
     */
    private MachineSpec.Volume volume(String text, Path namedVolumes) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2
                || parts.length > 3
                || parts[0].isEmpty()
                || !parts[1].startsWith("/")
                || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
            throw new KraftException(
                    ExitCode.USAGE, "-v " + text + ": expected HOST_DIR:/GUEST/PATH[:ro] or NAME:/GUEST/PATH[:ro]");
        }
        Path host = env.resolve(parts[0]);
        if (!Files.exists(host) && parts[0].matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            host = namedVolumes.resolve(parts[0]);
            try {
                Files.createDirectories(host);
            } catch (IOException e) {
                throw new KraftException(
                        ExitCode.FAILURE,
                        "-v " + text + ": cannot make the named volume " + host + ": " + e.getMessage(),
                        e);
            }
        }
        return new MachineSpec.Volume(host, parts[1], parts.length == 3 && parts[2].equals("ro"));
    }
}
