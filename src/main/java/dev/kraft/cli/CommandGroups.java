package dev.kraft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The command tree, built lazily: picocli reads every annotation of a command when it is added,
 * which is most of a short command's start-up, so only the command the user named is built. The
 * whole tree is built for the root's help and for a name that matches nothing (picocli then
 * suggests the closest). Help lists commands under KraftKit's headings (BUILD, PACKAGING, …)
 * from their annotations alone.
 */
final class CommandGroups {
    private record Entry(String heading, String name, List<String> aliases, String description, Supplier<Object> factory) {
        boolean answersTo(String word) {
            return name.equals(word) || aliases.contains(word);
        }
    }

    private final CommandLine root;
    private final Optional<String> wanted;
    private final List<Entry> entries = new ArrayList<>();

    /** @param wanted the command named on the command line, if any */
    CommandGroups(CommandLine root, Optional<String> wanted) {
        this.root = root;
        this.wanted = wanted;
    }

    /**
     * A command under a heading; {@code factory} makes its object (or, for commands with
     * subcommands, its CommandLine). A hidden command is registered but not listed.
     */
    CommandGroups add(String heading, Class<?> type, Supplier<Object> factory) {
        Command command = type.getAnnotation(Command.class);
        entries.add(new Entry(heading, command.name(), List.of(command.aliases()), String.join(" ", command.description()), factory));
        return this;
    }

    /** A command that works but is not listed: an old spelling kept for KraftKit users. */
    CommandGroups addHidden(String name, Supplier<Object> factory) {
        entries.add(new Entry("", name, List.of(), "", factory));
        return this;
    }

    /** Registers the wanted command, or all of them. */
    CommandLine build() {
        List<Entry> chosen = wanted.map(w -> entries.stream().filter(e -> e.answersTo(w)).toList()).orElse(List.of());
        for (Entry entry : chosen.isEmpty() ? entries : chosen) {
            Object command = entry.factory().get();
            CommandLine sub = command instanceof CommandLine line ? line : new CommandLine(command);
            root.addSubcommand(entry.name(), sub);
        }
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "\n");
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, renderer());
        return root;
    }

    /** The first word of the arguments that is not an option (or an option's value): the command. */
    static Optional<String> requestedCommand(String[] args, List<String> optionsWithValues) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
            if (optionsWithValues.contains(arg)) {
                i++;
            }
        }
        return Optional.empty();
    }

    private IHelpSectionRenderer renderer() {
        return help -> {
            Map<String, StringBuilder> sections = new LinkedHashMap<>();
            for (Entry entry : entries) {
                if (!entry.heading().isEmpty()) {
                    sections.computeIfAbsent(entry.heading(), h -> new StringBuilder(h).append('\n'))
                            .append(String.format("  %-14s %s%n", entry.name(), entry.description()));
                }
            }
            StringBuilder text = new StringBuilder();
            sections.values().forEach(section -> text.append(section).append('\n'));
            return text.toString();
        };
    }
}
