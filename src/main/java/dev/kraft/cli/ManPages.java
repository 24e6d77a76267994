package dev.kraft.cli;

import dev.kraft.support.ExitCode;
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
    private ManPages() {}

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
        roff.append(".TH \"")
                .append(name.toUpperCase(Locale.ROOT))
                .append("\" 1 \"")
                .append(LocalDate.now())
                .append("\" \"kraft ")
                .append(escape(version))
                .append("\" \"kraft manual\"\n");
        roff.append(".SH NAME\n")
                .append(escape(name))
                .append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description())))
                .append('\n');
        roff.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName())).append('\n');
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            roff.append(escape(positional.paramLabel())).append('\n');
        }
        roff.append(".SH DESCRIPTION\n")
                .append(escape(String.join(" ", spec.usageMessage().description())))
                .append(" docs/README.md in kraft's sources leads to the whole story of each command.\n");
        roff.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String label = option.arity().max() > 0 ? " " + option.paramLabel() : "";
            roff.append(".TP\n.B ")
                    .append(escape(String.join(", ", option.names()) + label))
                    .append('\n')
                    .append(escape(String.join(" ", option.description())))
                    .append('\n');
        }
        if (!command.getSubcommands().isEmpty()) {
            roff.append(".SH COMMANDS\n");
            command.getSubcommands().forEach((sub, line) -> {
                if (sub.equals(line.getCommandName())
                        && !line.getCommandSpec().usageMessage().hidden()) {
                    roff.append(".TP\n.B ")
                            .append(escape(sub))
                            .append('\n')
                            .append(escape(String.join(
                                    " ", line.getCommandSpec().usageMessage().description())))
                            .append('\n');
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
        roff.append(".SH EXIT STATUS\n");
        for (ExitCode code : ExitCode.values()) {
            roff.append(".TP\n.B ")
                    .append(code.code())
                    .append('\n')
                    .append(escape(code.summary()))
                    .append('\n');
        }
        roff.append("A foreground \\fBkraft run\\fR exits with the guest's status. Every error is one line on stderr"
                + " that starts with error:.\n");
        roff.append(ENVIRONMENT_AND_FILES);
        roff.append(".SH SEE ALSO\nThe documentation in docs/ of kraft's sources, and \\fBkraft\\fR(1).\n");
        return roff.toString();
    }

    /** What every command reads: the same for all, as the global options are (docs/configuration.md). */
    private static final String ENVIRONMENT_AND_FILES = """
            .SH ENVIRONMENT
            .TP
            .B KRAFTKIT_CONFIG_DIR, XDG_CONFIG_HOME
            Where config.yaml is read.
            .TP
            .B XDG_DATA_HOME
            Where the data directory is (~/.local/share/kraftkit by default).
            .TP
            .B KRAFTKIT_LOG_LEVEL, KRAFTKIT_LOG_TYPE, KRAFTKIT_NO_PROMPT, KRAFTKIT_OFFLINE, KRAFTKIT_QEMU, KRAFTKIT_RUNTIME_DIR, KRAFTKIT_PATHS_SOURCES, KRAFTKIT_PATHS_MANIFESTS
            Each sets the config.yaml setting of its name; a flag on the command line wins (docs/configuration.md lists them all).
            .TP
            .B NO_COLOR, KRAFTKIT_NO_COLOR, TERM=dumb
            No colour, in help too.
            .TP
            .B KRAFT_JAVA_OPTS, JAVA
            Options for the JVM that runs kraft, and which java runs it.
            .SH FILES
            .TP
            .B ~/.config/kraftkit/config.yaml
            The user's settings, shared with KraftKit.
            .TP
            .B ~/.local/share/kraftkit/sources/, manifests/
            The source cache and the package index.
            .TP
            .B ~/.local/share/kraftkit/runtime/
            Machines (one directory each) and the OCI image store (oci/).
            .TP
            .B Kraftfile, .unikraft/build/<name>_<plat>\\-<arch>, .config.<name>_<plat>\\-<arch>
            A project, its kernels and their configuration, where KraftKit puts them.
            """;

    /** Roff escapes: backslashes, and a leading dot or quote that would read as a request. */
    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
