package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Optional;
import picocli.CommandLine.Option;

/** KraftKit's {@code -w/--workdir}: the project directory, as a flag (commands that also take it as an argument accept either). */
final class WorkdirOption {
    @Option(
            names = {"-w", "--workdir"},
            paramLabel = "DIR",
            description = "The project directory (default: the current one).")
    String workdir;

    /** The directory given as a flag or as the argument; both is a usage error. */
    Optional<String> or(Optional<String> argument) {
        if (workdir != null && argument.isPresent() && !argument.get().equals(workdir)) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "-w " + workdir + " and " + argument.get() + " name two project directories; give one");
        }
        return Optional.ofNullable(workdir).or(() -> argument);
    }
}
