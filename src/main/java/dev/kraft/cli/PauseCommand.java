package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kraft pause}: freezes running machines (QMP {@code stop}); {@code kraft start} resumes them. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Pause running machines.",
        footer = {"", "Example:", "  kraft pause web && kraft start web"})
final class PauseCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;

    @Mixin
    MachineSelection selection = new MachineSelection();

    PauseCommand(Supplier<MachineService> machines, Supplier<Console> console) {
        this.machines = machines;
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService service = machines.get();
        return selection.forEach(service, m -> m.state() == MachineState.RUNNING, console.get(), machine -> {
            service.pause(machine);
            console.get().out().println(machine.name());
        });
    }
}
