package dev.kraft.cli;

import dev.kraft.build.BuildEnv;
import dev.kraft.log.Console;
import dev.kraft.machine.GuestExit;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Quantity;
import dev.kraft.machine.SerialLog;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.machine.network.NetworkService;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft run}: boots a built project target, a kernel file or an image, like {@code docker run}:
 * attached by default (console on stdout, Ctrl-C stops it, the guest's exit code becomes
 * kraft's), or detached with {@code -d}.
 */
@Command(name = "run", aliases = "r", mixinStandardHelpOptions = true, description = "Run a unikernel as a machine.",
        footer = {"", "Examples:",
                "  kraft run                          run the project's built kernel",
                "  kraft run -d --name web -p 8080:80 in the background, port 8080 published",
                "  kraft run -M 256Mi -e DEBUG=1 -- --verbose   memory, env, app args",
                "  kraft run .unikraft/build/hello_qemu-x86_64  a kernel file",
                "  kraft run --plat qemu unikraft.org/helloworld:latest   an image, pulled if needed"})
final class RunCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    RunOptions options = new RunOptions();

    @Parameters(paramLabel = "[PROJECT|KERNEL|IMAGE] [-- ARGS]",
            description = "A project directory, kernel file or image reference, then -- and the application's arguments.")
    List<String> positional = new ArrayList<>();

    @Spec
    CommandSpec spec;

    RunCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        List<String> beforeDashes = dashes < 0 ? positional : positional.subList(0, positional.size() - (original.size() - dashes - 1));
        List<String> cliAppArgs = dashes < 0 ? List.of() : positional.subList(beforeDashes.size(), positional.size());
        if (beforeDashes.size() > 1) {
            throw new KraftException(ExitCode.USAGE, "expected one project or kernel, got " + String.join(" ", beforeDashes)
                    + "; put the application's arguments after --");
        }
        RunSource source = RunSource.resolve(beforeDashes.stream().findFirst(), options, services);
        Console console = services.console();
        long memory = Quantity.parseBytes(options.memory, "--memory");
        if (options.cpus < 1 || options.cpus > 64) {
            throw new KraftException(ExitCode.USAGE, "--cpus " + options.cpus + ": expected 1 to 64");
        }
        List<PortMapping> ports = options.ports.stream().map(PortMapping::parse).toList();
        List<MachineSpec.Volume> volumes = options.volumes.stream().map(v -> MachineInputs.volume(v, services.env())).toList();
        Map<String, String> env = MachineInputs.env(BuildEnv.resolve(source.env(), options.env, services.env().vars()));
        MachineService machines = services.machines();
        MachineInputs.checkPortsFree(ports, machines.list());
        boolean emulation = options.noAcceleration
                || (source.plat() == Plat.QEMU && !services.qemuHost(source.arch(), options.noAcceleration).kvm());
        if (source.plat() == Plat.QEMU) {
            MachineInputs.warnAboutRdseed(source, services.qemuHost(source.arch(), options.noAcceleration), console);
        }

        CommandLineSplit cmd = CommandLineSplit.of(source.cmd());
        List<String> kernelArgs = options.kernelArgs.isEmpty() ? cmd.kernelArgs() : options.kernelArgs;
        List<String> appArgs = cliAppArgs.isEmpty() ? cmd.appArgs() : cliAppArgs;
        MachineRecord machine;
        NetworkService networks = options.networks.isEmpty() ? null : services.networks();
        try (FileLock lock = networks == null ? null : networks.store().lock()) {
            machine = machines.create(Optional.ofNullable(options.name), (name, paths) -> {
                RunSource placed = source.placedIn(paths.dir());
                return new MachineSpec(name, placed.label(), MachineInputs.kernel(placed.kernel(), options.symbolic),
                        MachineInputs.initrd(Optional.ofNullable(options.rootfs).or(() -> placed.rootfs().map(Path::toString)),
                                services.env(), paths),
                        placed.arch(), placed.plat(), memory, options.cpus, kernelArgs, appArgs, env, ports,
                        attach(networks, paths, machines), volumes, emulation);
            });
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot lock the networks: " + e.getMessage(), e);
        }
        if (options.noStart) {
            console.out().println(machine.name());
            return 0;
        }
        MachineRecord running;
        try {
            running = machines.start(machine);
        } catch (KraftException e) {
            machines.store().remove(machine);
            throw e;
        }
        if (options.detach) {
            console.out().println(running.name());
            return 0;
        }
        return attach(machines, running, console);
    }

    /** One interface per --network; TAP names derive from the machine's id (at most 15 characters). */
    private List<NetworkAttachment> attach(NetworkService networks, MachinePaths paths, MachineService machines) {
        List<NetworkAttachment> attachments = new ArrayList<>();
        for (int i = 0; i < options.networks.size(); i++) {
            String tap = "kt" + paths.dir().getFileName().toString().substring(0, 10) + i;
            attachments.add(networks.attach(options.networks.get(i), tap, () -> machines.store().list()));
        }
        return attachments;
    }

    /** Streams the console until the machine ends; Ctrl-C stops it. */
    private int attach(MachineService machines, MachineRecord machine, Console console) throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        Interrupts.onInterrupt(() -> interrupted.set(true));
        MachinePaths paths = machines.paths(machine);
        SerialLog log = new SerialLog(paths.serialLog());
        try {
            log.follow(() -> !interrupted.get() && machines.running(machine), console.out()::println);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read the console log " + paths.serialLog() + ": " + e.getMessage(), e);
        }
        if (interrupted.get()) {
            machines.stop(machine, java.time.Duration.ofSeconds(5));
            if (options.remove) {
                machines.remove(machines.find(machine.id()), true);
            }
            console.info("stopped " + machine.name());
            return ExitCode.INTERRUPTED.code();
        }
        GuestExit exit = machines.awaitExit(machine);
        if (options.remove) {
            machines.remove(machines.find(machine.id()), true);
        }
        return switch (exit.kind()) {
            case CLEAN -> 0;
            case CRASHED -> throw new KraftException(ExitCode.GUEST_CRASHED, "the guest crashed (Unikraft reported a crash); its console is above"
                    + (options.remove ? "" : " and in kraft logs " + machine.name()));
            case HYPERVISOR_FAILED -> throw new KraftException(ExitCode.HYPERVISOR_FAILED, "the hypervisor failed: see " + paths.hypervisorLog());
            case UNKNOWN -> {
                console.info("the " + machine.plat() + " driver does not report how the guest ended");
                yield 0;
            }
            default -> exit.code();
        };
    }
}
