package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft stop}: ends machines (QEMU gets SIGTERM, then SIGKILL after the timeout); idempotent. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop running machines.",
        footer = {"", "Examples:", "  kraft stop web", "  kraft stop --all -t 2"})
final class StopCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;

    @Mixin
    MachineSelection selection = new MachineSelection();

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Seconds to wait before killing (default 10).")
    int timeout;

    StopCommand(Supplier<MachineService> machines, Supplier<Console> console) {
        this.machines = machines;
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService service = machines.get();
        return selection.forEach(
                service, m -> m.active() || m.broken() && service.running(m), console.get(), machine -> {
                    MachineRecord stopped = service.stop(machine, Duration.ofSeconds(Math.max(0, timeout)));
                    console.get().out().println(stopped.name());
                });
    }
}
