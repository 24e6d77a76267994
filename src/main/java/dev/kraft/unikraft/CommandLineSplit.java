package dev.kraft.unikraft;

import java.util.List;

/**
 * A command split as KraftKit does (a Kraftfile's {@code cmd}, an image's Cmd, an OCI
 * process's args): the words before a {@code --} are kernel arguments, those after it the
 * application's; without {@code --} all are the application's.
 */
public record CommandLineSplit(List<String> kernelArgs, List<String> appArgs) {
    public static CommandLineSplit of(List<String> cmd) {
        int dashes = cmd.indexOf("--");
        return dashes < 0
                ? new CommandLineSplit(List.of(), cmd)
                : new CommandLineSplit(cmd.subList(0, dashes), cmd.subList(dashes + 1, cmd.size()));
    }
}
