package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft rm}: removes machines and all their files (state, sockets, console log). */
@Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "Remove machines.",
        footer = {"", "Examples:", "  kraft rm web", "  kraft rm -f --all"})
final class RemoveCommand implements Callable<Integer> {
    private final Services services;

    @Mixin
    MachineSelection selection = new MachineSelection();

    @Option(names = {"-f", "--force"}, description = "Stop running machines first.")
    boolean force;

    RemoveCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService machines = services.machines();
        for (MachineRecord machine : selection.select(machines, m -> force || !m.active())) {
            machines.remove(machine, force);
            services.console().out().println(machine.name());
        }
        return 0;
    }
}
