package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code -o table|json|yaml|list|raw}: how the commands that list things (ps, pkg ls, pkg info,
 * net ls) print them. KraftKit's {@code raw} is its table without colour, which is kraft's table.
 */
final class OutputFormat {
    private static final Set<String> FORMATS = Set.of("table", "json", "yaml", "list", "raw");

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            completionCandidates = Choices.Outputs.class,
            description = "table (default), json, yaml, list or raw.")
    String format;

    /** The format asked for ({@code raw} reads as {@code table}); anything else is a usage error naming the flag. */
    String checked() {
        if (!FORMATS.contains(format)) {
            throw new KraftException(ExitCode.USAGE, "-o " + format + ": expected table, json, yaml, list or raw");
        }
        return format.equals("raw") ? "table" : format;
    }
}
