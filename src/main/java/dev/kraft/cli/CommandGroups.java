package dev.kraft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree, built lazily: picocli reads every annotation of a command when it is added,
 * which is most of a short command's start-up, so only the command the user named is built.
 * The others are registered as bare names (no options, nothing to run): enough for the root's
 * synopsis and for picocli's "did you mean" on a name that matches nothing. Help lists commands
 * under KraftKit's headings (BUILD, PACKAGING, …) from their annotations alone. Man pages and
 * shell completion need every option, so they build the whole tree ({@link #buildAll}).
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

    /** Registers the wanted command in full and the others by name. */
    CommandLine build() {
        return register(entry -> wanted.isPresent() && entry.answersTo(wanted.get()));
    }

    /** Registers every command in full. */
    CommandLine buildAll() {
        return register(entry -> true);
    }

    private CommandLine register(Predicate<Entry> inFull) {
        for (Entry entry : entries) {
            CommandLine sub;
            if (inFull.test(entry)) {
                Object command = entry.factory().get();
                sub = command instanceof CommandLine line ? line : new CommandLine(command);
            } else {
                sub = bareName(entry);
            }
            root.addSubcommand(entry.name(), sub);
        }
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "\n");
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, renderer());
        return root;
    }

    /** A command's name, aliases and description without reading its class. */
    private static CommandLine bareName(Entry entry) {
        CommandSpec spec = CommandSpec.create().name(entry.name()).aliases(entry.aliases().toArray(String[]::new));
        spec.usageMessage().description(entry.description()).hidden(entry.heading().isEmpty());
        return new CommandLine(spec);
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
