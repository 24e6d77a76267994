package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.SerialLog;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kraft logs}: a machine's serial console, whole, its tail, or followed. */
@Command(name = "logs", aliases = "log", mixinStandardHelpOptions = true, description = "Show a machine's console output.",
        footer = {"", "Examples:", "  kraft logs web", "  kraft logs -f --tail 20 web"})
final class LogsCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;
    private final Interrupts interrupts;

    @Parameters(arity = "1", paramLabel = "MACHINE", description = "The machine's name or id.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing while the machine runs.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    LogsCommand(Supplier<MachineService> machines, Supplier<Console> console, Interrupts interrupts) {
        this.machines = machines;
        this.console = console;
        this.interrupts = interrupts;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (tail != null && tail < 0) {
            throw new KraftException(ExitCode.USAGE, "--tail " + tail + ": expected 0 or more");
        }
        MachineService service = machines.get();
        MachineRecord machine = service.find(name);
        PrintStream out = console.get().out();
        Path file = service.paths(machine).serialLog();
        SerialLog log = new SerialLog(file);
        try {
            if (tail != null) {
                SerialLog.tail(file, tail).forEach(out::println);
                if (!follow) {
                    return 0;
                }
                log.readAvailable(line -> { });
            }
            if (follow) {
                AtomicBoolean interrupted = new AtomicBoolean();
                interrupts.onInterrupt(() -> interrupted.set(true));
                log.follow(() -> !interrupted.get() && service.running(machine), out::println);
            } else {
                log.readAvailable(out::println);
                log.flush(out::println);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read the console of " + machine.name() + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
