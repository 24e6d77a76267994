package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kraft pause}: freezes running machines (QMP {@code stop}); {@code kraft start} resumes them. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause running machines.",
        footer = {"", "Example:", "  kraft pause web && kraft start web"})
final class PauseCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    MachineSelection selection = new MachineSelection();

    PauseCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        MachineService machines = services.machines();
        for (MachineRecord machine : selection.select(machines, m -> m.state() == MachineState.RUNNING)) {
            machines.pause(machine);
            services.console().out().println(machine.name());
        }
        return 0;
    }
}
