package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.SerialLog;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kraft logs}: a machine's serial console, whole, its tail, or followed. */
@Command(name = "logs", aliases = "log", mixinStandardHelpOptions = true, description = "Show a machine's console output.",
        footer = {"", "Examples:", "  kraft logs web", "  kraft logs -f --tail 20 web"})
final class LogsCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(arity = "1", paramLabel = "MACHINE", description = "The machine's name or id.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing while the machine runs.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    LogsCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService machines = services.machines();
        MachineRecord machine = machines.find(name);
        PrintStream out = services.console().out();
        SerialLog log = new SerialLog(machines.paths(machine).serialLog());
        try {
            if (tail != null) {
                if (tail < 0) {
                    throw new KraftException(ExitCode.USAGE, "--tail " + tail + ": expected 0 or more");
                }
                List<String> last = List.copyOf(SerialLog.tail(machines.paths(machine).serialLog(), tail));
                last.forEach(out::println);
                if (!follow) {
                    return 0;
                }
                log.readAvailable(line -> { });
            }
            if (follow) {
                AtomicBoolean interrupted = new AtomicBoolean();
                Interrupts.onInterrupt(() -> interrupted.set(true));
                log.follow(() -> !interrupted.get() && machines.running(machine), out::println);
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
