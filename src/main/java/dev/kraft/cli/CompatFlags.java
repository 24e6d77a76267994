package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * KraftKit's flags that cannot mean anything here. Such a flag is declared where KraftKit has it,
 * so a KraftKit script still runs, and its description says why it is not used: one that starts
 * with {@link #IGNORED} is accepted with one warning saying so, one that starts with
 * {@link #REFUSED} stops the command with that reason. The description is the one place the
 * reason is written: {@code --help} shows it, and so does the warning.
 */
final class CompatFlags {
    static final String IGNORED = "Ignored (accepted for KraftKit's scripts): ";
    static final String REFUSED = "Refused: ";

    private CompatFlags() {}

    /** Warns once about each ignored flag given; a refused one is a usage error naming the flag and why. */
    static void check(ParseResult parsed, Console console) {
        Set<String> said = new HashSet<>();
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            for (OptionSpec option : command.matchedOptions()) {
                String description = String.join(" ", option.description());
                if (description.startsWith(REFUSED)) {
                    throw new KraftException(
                            ExitCode.USAGE, option.longestName() + ": " + description.substring(REFUSED.length()));
                }
                if (description.startsWith(IGNORED) && said.add(option.longestName())) {
                    console.warn(option.longestName() + " is ignored: " + description.substring(IGNORED.length()));
                }
            }
        }
    }
}
