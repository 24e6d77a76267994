package dev.kraft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/** KraftKit's help layout: commands listed under BUILD, PACKAGING, LOCAL RUNTIME, … headings. */
final class CommandGroups {
    private final CommandLine root;
    private final Map<String, List<String>> groups = new LinkedHashMap<>();

    CommandGroups(CommandLine root) {
        this.root = root;
    }

    /** Adds the commands (or command lines, for commands with subcommands) to the tree and lists them under the heading. */
    CommandGroups add(String heading, Object... commands) {
        for (Object command : commands) {
            CommandLine sub = command instanceof CommandLine line ? line : new CommandLine(command);
            root.addSubcommand(sub);
            groups.computeIfAbsent(heading, h -> new ArrayList<>()).add(sub.getCommandName());
        }
        return this;
    }

    IHelpSectionRenderer renderer() {
        return help -> {
            StringBuilder text = new StringBuilder();
            groups.forEach((heading, names) -> {
                text.append(heading).append('\n');
                for (String name : names) {
                    CommandLine sub = help.commandSpec().subcommands().get(name);
                    text.append(String.format("  %-14s %s%n", name,
                            String.join(" ", sub.getCommandSpec().usageMessage().description())));
                }
                text.append('\n');
            });
            return text.toString();
        };
    }
}
