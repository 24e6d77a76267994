package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}: how the commands that list things (ps, pkg ls, pkg info) print them. */
final class OutputFormat {
    private static final Set<String> FORMATS = Set.of("table", "json", "yaml");

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", description = "table (default), json or yaml.")
    String format;

    /** The format asked for; anything else is a usage error naming the flag. */
    String checked() {
        if (!FORMATS.contains(format)) {
            throw new KraftException(ExitCode.USAGE, "-o " + format + ": expected table, json or yaml");
        }
        return format;
    }
}
