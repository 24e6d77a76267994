package dev.kraft.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -K}: a Kraftfile named instead of the one found in the project directory. */
final class KraftfileOption {
    @Option(
            names = {"-K", "--kraftfile"},
            paramLabel = "FILE",
            description = "Use this Kraftfile instead of searching for one.")
    String kraftfile;

    Optional<String> kraftfile() {
        return Optional.ofNullable(kraftfile);
    }
}
