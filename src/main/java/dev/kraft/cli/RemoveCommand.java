package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineService;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kraft rm}: removes machines and all their files (state, sockets, console log). */
@Command(
        name = "remove",
        aliases = "rm",
        mixinStandardHelpOptions = true,
        description = "Remove machines.",
        footer = {
            "",
            "Examples:",
            "  kraft rm web",
            "  kraft rm a b c      removes each it can, names the others",
            "  kraft rm -f --all"
        })
final class RemoveCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;

    @Mixin
    MachineSelection selection = new MachineSelection();

    @Option(
            names = {"-f", "--force"},
            description = "Stop running machines first.")
    boolean force;

    RemoveCommand(Supplier<MachineService> machines, Supplier<Console> console) {
        this.machines = machines;
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        MachineService service = machines.get();
        return selection.forEach(service, m -> force || !m.active(), console.get(), machine -> {
            service.remove(machine, force);
            console.get().out().println(machine.name());
        });
    }
}
