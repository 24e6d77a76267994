package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.MachineState;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kraft start}: boots created, stopped or exited machines again, and resumes paused ones;
 * then, as KraftKit does, follows their consoles until they end (Ctrl-C stops them), unless
 * {@code -d}, which prints their names instead.
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start created, stopped or paused machines and follow their consoles.",
        footer = {
            "",
            "Examples:",
            "  kraft start web              start it and follow its console",
            "  kraft start -d --all"
        })
final class StartCommand implements Callable<Integer> {
    private final Supplier<MachineService> machines;
    private final Supplier<Console> console;
    private final Foreground foreground;

    @Mixin
    MachineSelection selection = new MachineSelection();

    @Option(
            names = {"-d", "--detach"},
            description = "Start them in the background and print their names.")
    boolean detach;

    @Option(names = "--rm", description = "Remove each machine when it ends (while followed, or on Ctrl-C).")
    boolean remove;

    @Option(
            names = "--no-prefix",
            description = "Following several machines, do not start each line with the machine's name.")
    boolean noPrefix;

    StartCommand(Supplier<MachineService> machines, Supplier<Console> console, Foreground foreground) {
        this.machines = machines;
        this.console = console;
        this.foreground = foreground;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (detach && remove) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "--rm removes machines followed in the foreground; with -d, create them with kraft run -d --rm");
        }
        MachineService service = machines.get();
        List<MachineRecord> started = new ArrayList<>();
        int failed = selection.forEach(
                service, m -> m.state() != MachineState.RUNNING && !m.broken(), console.get(), machine -> {
                    started.add(
                            machine.state() == MachineState.PAUSED ? service.resume(machine) : service.start(machine));
                    if (detach) {
                        console.get().out().println(machine.name());
                    }
                });
        if (detach || started.isEmpty()) {
            return failed;
        }
        int width = started.stream().mapToInt(m -> m.name().length()).max().orElse(0);
        boolean prefixed = started.size() > 1 && !noPrefix;
        int ended = foreground.attach(
                service,
                started,
                new Foreground.Options(
                        m -> prefixed ? m.name() + " ".repeat(width - m.name().length()) + " | " : "", remove, false));
        return failed != 0 ? failed : ended;
    }
}
