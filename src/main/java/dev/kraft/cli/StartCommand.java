package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kraft start}: boots created, stopped or exited machines again, and resumes paused ones. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start created, stopped or paused machines.",
        footer = {"", "Examples:", "  kraft start web", "  kraft start --all"})
final class StartCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;

    @Mixin
    MachineSelection selection = new MachineSelection();

    StartCommand(Supplier<MachineService> machines, Supplier<Console> console) {
        this.machines = machines;
        this.console = console;
    }

    @Override
    public Integer call() {
        MachineService service = machines.get();
        for (MachineRecord machine : selection.select(service, m -> m.state() != MachineState.RUNNING && !m.broken())) {
            if (machine.state() == MachineState.PAUSED) {
                service.resume(machine);
            } else {
                service.start(machine);
            }
            console.get().out().println(machine.name());
        }
        return 0;
    }
}
