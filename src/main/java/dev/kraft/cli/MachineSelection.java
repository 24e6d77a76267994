package dev.kraft.cli;

import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Machines named on the command line, or {@code --all} of them: for stop, start, pause, rm. */
final class MachineSelection {
    @Parameters(arity = "0..*", paramLabel = "MACHINE", description = "Machine names or ids.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every machine this command applies to.")
    boolean all;

    /** @param eligible which machines {@code --all} means */
    List<MachineRecord> select(MachineService machines, Predicate<MachineRecord> eligible) {
        if (all == !names.isEmpty()) {
            throw new KraftException(ExitCode.USAGE, all ? "name machines or use --all, not both" : "name at least one machine, or use --all");
        }
        return all ? machines.list().stream().filter(eligible).toList() : names.stream().map(machines::find).toList();
    }
}
