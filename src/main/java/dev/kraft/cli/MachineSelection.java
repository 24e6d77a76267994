package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Machines named on the command line, or {@code --all} of them, of the {@code --plat} asked:
 * for stop, start, pause and rm. Each is done in turn; one that cannot be found or done is
 * reported and the others are still done, as docker's {@code rm a b c} does.
 */
final class MachineSelection {
    @Parameters(arity = "0..*", paramLabel = "MACHINE", description = "Machine names or ids.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every machine this command applies to.")
    boolean all;

    @Mixin
    MachinePlatform platform = new MachinePlatform();

    /** What a command does to one machine. */
    interface Action {
        void apply(MachineRecord machine) throws InterruptedException;
    }

    /**
     * Applies the action to each machine selected.
     *
     * @param eligible which machines {@code --all} means
     * @return 0, or the exit code of the failures (1 when they differ)
     */
    int forEach(MachineService machines, Predicate<MachineRecord> eligible, Console console, Action action)
            throws InterruptedException {
        if (all == !names.isEmpty()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    all ? "name machines or use --all, not both" : "name at least one machine, or use --all");
        }
        List<ExitCode> failures = new ArrayList<>();
        if (all) {
            for (MachineRecord machine : machines.list().stream()
                    .filter(eligible)
                    .filter(platform::includes)
                    .toList()) {
                attempt(() -> action.apply(machine), console, failures);
            }
        }
        for (String name : names) {
            attempt(
                    () -> {
                        MachineRecord machine = machines.find(name);
                        if (!platform.includes(machine)) {
                            throw new KraftException(
                                    ExitCode.NOT_FOUND,
                                    "machine " + name + " is not a " + platform.plat + " machine (--plat)");
                        }
                        action.apply(machine);
                    },
                    console,
                    failures);
        }
        return failures.isEmpty()
                ? 0
                : failures.stream().distinct().count() == 1 ? failures.get(0).code() : ExitCode.FAILURE.code();
    }

    private interface Attempt {
        void run() throws InterruptedException;
    }

    private static void attempt(Attempt attempt, Console console, List<ExitCode> failures) throws InterruptedException {
        try {
            attempt.run();
        } catch (KraftException e) {
            console.error(Flags.message(e));
            failures.add(e.exitCode());
        }
    }
}
