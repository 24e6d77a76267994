package dev.kraft.cli;

import dev.kraft.builder.BuildEnv;
import dev.kraft.log.Console;
import dev.kraft.machine.Attachment;
import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.Launcher;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineRequest;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Quantity;
import dev.kraft.machine.VmFault;
import dev.kraft.rootfs.Rootfs;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.CommandLineSplit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
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
@Command(name = "run", aliases = "r", mixinStandardHelpOptions = true, description = "Run a unikernel as a machine.",
        footer = {"", "Examples:",
                "  kraft run                          run the project's built kernel",
                "  kraft run -d --name web -p 8080:80 in the background, port 8080 published",
                "  kraft run -M 256Mi -e DEBUG=1 -- --verbose   memory, env, app args",
                "  kraft run .unikraft/build/hello_qemu-x86_64  a kernel file",
                "  kraft run --plat qemu unikraft.org/helloworld:latest   an image, pulled if needed",
                "  kraft run -r unikraft.org/base:latest   the project's rootfs and cmd on this runtime"})
final class RunCommand implements Callable<Integer> {
    private static final Duration INTERRUPT_STOP_TIMEOUT = Duration.ofSeconds(5);
    private final Supplier<Launcher> launcher;
    private final Supplier<Attachment> attachment;
    private final BootSources sources;
    private final RunRootfs rootfses;
    private final Supplier<Console> console;
    private final Env env;
    private final Interrupts interrupts;

    @Mixin
    RunOptions options = new RunOptions();

    /** Added by {@link #commandLine}, the platform without {@code -p}. */
    final TargetOptions targets = new TargetOptions();

    @Parameters(paramLabel = "[PROJECT|KERNEL|IMAGE] [-- ARGS]",
            description = "A project directory, kernel file or image reference, then -- and the application's arguments.")
    List<String> positional = new ArrayList<>();

    @Spec
    CommandSpec spec;

    RunCommand(Supplier<Launcher> launcher, Supplier<Attachment> attachment, BootSources sources, RunRootfs rootfses,
               Supplier<Console> console, Env env, Interrupts interrupts) {
        this.launcher = launcher;
        this.attachment = attachment;
        this.sources = sources;
        this.rootfses = rootfses;
        this.console = console;
        this.env = env;
        this.interrupts = interrupts;
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
        List<String> beforeDashes = dashes < 0 ? positional : positional.subList(0, positional.size() - (original.size() - dashes - 1));
        List<String> cliAppArgs = dashes < 0 ? List.of() : positional.subList(beforeDashes.size(), positional.size());
        if (beforeDashes.size() > 1) {
            throw new KraftException(ExitCode.USAGE, "expected one project or kernel, got " + String.join(" ", beforeDashes)
                    + "; put the application's arguments after --");
        }
        BootSource source = sources.resolve(beforeDashes.stream().findFirst(), targets, Optional.ofNullable(options.runtime));
        Optional<Rootfs> rootfs = rootfses.build(source, Optional.ofNullable(options.rootfs));
        List<String> rootfsArgs = rootfs.map(Rootfs::args).orElse(List.of());
        // The Kraftfile's cmd, else the rootfs image's, else a runtime's own.
        CommandLineSplit cmd = CommandLineSplit.of(!source.cmd().isEmpty() || !rootfsArgs.isEmpty() ? source.cmd() : source.runtimeCmd());
        Map<String, String> sourceEnv = new LinkedHashMap<>(source.env());
        rootfs.ifPresent(r -> sourceEnv.putAll(r.envMap()));
        MachineSpec machine = MachineSpec.builder().source(source.label())
                .kernel(options.symbolic ? source.kernel().resolveSibling(source.kernel().getFileName() + ".dbg") : source.kernel())
                .initrd(rootfs.map(Rootfs::cpio).or(source::initrd)).initrdAsRoot(source.initrdAsRoot())
                .arch(source.arch()).plat(source.plat()).memoryBytes(Quantity.parseBytes(options.memory)).cpus(options.cpus)
                .kernelArgs(options.kernelArgs.isEmpty() ? cmd.kernelArgs() : options.kernelArgs)
                .appArgs(!cliAppArgs.isEmpty() ? cliAppArgs
                        : !cmd.appArgs().isEmpty() ? KernelCommandLine.asKraftKitPassesThem(cmd.appArgs())
                        : rootfsArgs)
                .env(BuildEnv.resolve(sourceEnv, options.env, env.vars()))
                .ports(options.ports.stream().map(PortMapping::parse).toList())
                .volumes(Stream.concat(source.volumes().stream(), options.volumes.stream().map(this::volume)).toList())
                .emulation(options.noAcceleration).build();
        Launcher launch = launcher.get();
        MachineRecord created = launch.create(new MachineRequest(Optional.ofNullable(options.name), machine, options.networks,
                source.fromImage(), source.kconfig()));
        if (options.noStart) {
            console.get().out().println(created.name());
            return 0;
        }
        MachineRecord running = launch.start(created);
        if (options.detach) {
            console.get().out().println(running.name());
            return 0;
        }
        return attach(launch.machines(), running);
    }

    /** {@code host:guest[:ro]}, the guest path absolute. */
    private MachineSpec.Volume volume(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
            throw new KraftException(ExitCode.USAGE, "-v " + text + ": expected HOST_DIR:/GUEST/PATH[:ro]");
        }
        Path host = env.resolve(parts[0]);
        return new MachineSpec.Volume(host, parts[1], parts.length == 3 && parts[2].equals("ro"));
    }

    /** Streams the console until the machine ends; Ctrl-C stops it. */
    private int attach(MachineService machines, MachineRecord machine) throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        interrupts.onInterrupt(() -> interrupted.set(true));
        Optional<Attachment.Ending> ending = attachment.get().follow(machine, console.get().out()::println, interrupted::get);
        if (ending.isEmpty()) {
            machines.stop(machine, INTERRUPT_STOP_TIMEOUT);
            removeIfAsked(machines, machine);
            console.get().info("stopped " + machine.name());
            return ExitCode.INTERRUPTED.code();
        }
        removeIfAsked(machines, machine);
        Optional<VmFault> fault = ending.get().fault();
        if (fault.isPresent()) {
            throw new KraftException(ExitCode.HYPERVISOR_FAILED, fault.get().message() + (fault.get().accelerator()
                    ? "; run it under TCG emulation with -W, or set disable_acceleration: true in config.yaml"
                    + " (KRAFTKIT_DISABLE_ACCELERATION=1) to do so for every machine" : ""));
        }
        return switch (ending.get().exit().kind()) {
            case CLEAN -> 0;
            case CRASHED -> throw new KraftException(ExitCode.GUEST_CRASHED, "the guest crashed (Unikraft reported a crash); its console is above"
                    + (options.remove ? "" : " and in kraft logs " + machine.name()));
            case HYPERVISOR_FAILED -> throw ending.get().hypervisorFailure();
            case UNKNOWN -> {
                console.get().info("the " + machine.plat() + " driver does not report how the guest ended");
                yield 0;
            }
            default -> ending.get().exit().code();
        };
    }

    private void removeIfAsked(MachineService machines, MachineRecord machine) throws InterruptedException {
        if (options.remove) {
            machines.remove(machines.find(machine.id()), true);
        }
    }
}
