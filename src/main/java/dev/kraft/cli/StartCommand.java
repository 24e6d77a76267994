package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import dev.kraft.unikraft.Plat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kraft start}: starts created or exited machines again (with the spec they were created
 * with) and resumes paused ones. Like {@code docker start}, it returns at once.
 */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start created, stopped or paused machines.",
        footer = {"", "Examples:", "  kraft start web", "  kraft start --all"})
final class StartCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    MachineSelection selection = new MachineSelection();

    StartCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        MachineService machines = services.machines();
        for (MachineRecord machine : selection.select(machines, m -> m.state() != MachineState.RUNNING)) {
            if (machine.state() == MachineState.PAUSED) {
                machines.resume(machine);
            } else if (machine.state() != MachineState.RUNNING) {
                MachineInputs.checkPortsFree(machine.spec().ports(), machines.list());
                if (machine.spec().plat() == Plat.QEMU) {
                    services.qemuHost(machine.spec().arch(), machine.emulation());
                }
                machines.start(machine);
            }
            services.console().out().println(machine.name());
        }
        return 0;
    }
}
