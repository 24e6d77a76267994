package dev.kraft.cli;

import java.util.List;

/**
 * A Kraftfile {@code cmd} split as KraftKit does: the words before a {@code --} are kernel
 * arguments, those after it the application's; without {@code --} all are the application's.
 */
record CommandLineSplit(List<String> kernelArgs, List<String> appArgs) {
    static CommandLineSplit of(List<String> cmd) {
        int dashes = cmd.indexOf("--");
        return dashes < 0 ? new CommandLineSplit(List.of(), cmd)
                : new CommandLineSplit(cmd.subList(0, dashes), cmd.subList(dashes + 1, cmd.size()));
    }
}
