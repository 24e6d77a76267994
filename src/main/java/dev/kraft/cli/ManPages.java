package dev.kraft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff, written from the picocli model (so they cannot drift from the commands):
 * {@code kraft.1} and one {@code kraft-<command>.1} per command, subcommands included. Plain
 * roff with the man macros, so no AsciiDoc tool is needed to build them.
 */
final class ManPages {
    private ManPages() {
    }

    static List<Path> write(CommandLine root, Path dir, String version) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        write(root, dir, version, written);
        return written;
    }

    private static void write(CommandLine command, Path dir, String version, List<Path> written) throws IOException {
        CommandSpec spec = command.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return;
        }
        String name = spec.qualifiedName("-");
        Path page = dir.resolve(name + ".1");
        Files.writeString(page, page(command, name, version));
        written.add(page);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                write(sub.getValue(), dir, version, written);
            }
        }
    }

    private static String page(CommandLine command, String name, String version) {
        CommandSpec spec = command.getCommandSpec();
        StringBuilder roff = new StringBuilder();
        roff.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" 1 \"").append(LocalDate.now())
                .append("\" \"kraft ").append(escape(version)).append("\" \"kraft manual\"\n");
        roff.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        roff.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName())).append('\n');
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            roff.append(escape(positional.paramLabel())).append('\n');
        }
        roff.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String label = option.arity().max() > 0 ? " " + option.paramLabel() : "";
            roff.append(".TP\n.B ").append(escape(String.join(", ", option.names()) + label)).append('\n')
                    .append(escape(String.join(" ", option.description()))).append('\n');
        }
        if (!command.getSubcommands().isEmpty()) {
            roff.append(".SH COMMANDS\n");
            command.getSubcommands().forEach((sub, line) -> {
                if (sub.equals(line.getCommandName()) && !line.getCommandSpec().usageMessage().hidden()) {
                    roff.append(".TP\n.B ").append(escape(sub)).append('\n')
                            .append(escape(String.join(" ", line.getCommandSpec().usageMessage().description()))).append('\n');
                }
            });
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            roff.append(".SH EXAMPLES\n.nf\n");
            for (String line : footer) {
                if (!line.isBlank() && !line.startsWith("Example")) {
                    roff.append(escape(line)).append('\n');
                }
            }
            roff.append(".fi\n");
        }
        roff.append(".SH SEE ALSO\nThe documentation in docs/ of kraft's sources, and \\fBkraft\\fR(1).\n");
        return roff.toString();
    }

    /** Roff escapes: backslashes, and a leading dot or quote that would read as a request. */
    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
