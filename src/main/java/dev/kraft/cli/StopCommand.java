package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft stop}: ends machines (QEMU gets SIGTERM, then SIGKILL after the timeout); idempotent. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop running machines.",
        footer = {"", "Examples:", "  kraft stop web", "  kraft stop --all -t 2"})
final class StopCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    MachineSelection selection = new MachineSelection();

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", defaultValue = "10", description = "Seconds to wait before killing (default 10).")
    int timeout;

    StopCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService machines = services.machines();
        for (MachineRecord machine : selection.select(machines, MachineRecord::active)) {
            MachineRecord stopped = machines.stop(machine, Duration.ofSeconds(Math.max(0, timeout)));
            services.console().out().println(stopped.name());
        }
        return 0;
    }
}
