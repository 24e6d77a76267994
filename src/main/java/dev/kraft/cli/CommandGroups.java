package dev.kraft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree, built lazily: picocli reads every annotation of a command when it is added,
 * which is most of a short command's start-up, so only the command the user named is built.
 * When the arguments name none (root help, a typo), every command is registered as a bare name
 * (no options, nothing to run): enough for the root's synopsis and picocli's "did you mean". Help lists commands
 * under KraftKit's headings (BUILD, PACKAGING, …) from their annotations alone. Man pages and
 * shell completion need every option, so they build the whole tree ({@link #buildAll}).
 */
final class CommandGroups {
    private record Entry(
            String heading, String name, List<String> aliases, String description, Supplier<Object> factory) {
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
        entries.add(new Entry(
                heading, command.name(), List.of(command.aliases()), String.join(" ", command.description()), factory));
        return this;
    }

    /** A command that works but is not listed: an old spelling kept for KraftKit users. */
    CommandGroups addHidden(String name, Supplier<Object> factory) {
        entries.add(new Entry("", name, List.of(), "", factory));
        return this;
    }

    /**
     * Registers the wanted command in full; when the arguments name none, every command by name
     * (for the root's synopsis and picocli's suggestions).
     */
    CommandLine build() {
        Optional<Entry> named =
                wanted.flatMap(w -> entries.stream().filter(e -> e.answersTo(w)).findFirst());
        if (named.isPresent()) {
            root.addSubcommand(named.get().name(), inFull(named.get()));
            return root;
        }
        return register(CommandGroups::bareName);
    }

    /** Registers every command in full. */
    CommandLine buildAll() {
        return register(CommandGroups::inFull);
    }

    private CommandLine register(Function<Entry, CommandLine> how) {
        for (Entry entry : entries) {
            root.addSubcommand(entry.name(), how.apply(entry));
        }
        root.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, new Text("\n"));
        root.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList(entries));
        return root;
    }

    private static CommandLine inFull(Entry entry) {
        Object command = entry.factory().get();
        return command instanceof CommandLine line ? line : new CommandLine(command);
    }

    /** A command's name, aliases and description without reading its class. */
    private static CommandLine bareName(Entry entry) {
        CommandSpec spec =
                CommandSpec.create().name(entry.name()).aliases(entry.aliases().toArray(String[]::new));
        spec.usageMessage()
                .description(entry.description())
                .hidden(entry.heading().isEmpty());
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

    /*
     * The help renderers are classes, not lambdas: picocli's interfaces are Java 5 class files,
     * and the JVM keeps those out of the start-up archive (scripts/cds-archive.sh) once a lambda
     * has made it link them while dumping, with every picocli class that implements them.
     */

    /** A fixed text. */
    private record Text(String text) implements IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            return text;
        }
    }

    /** The commands under their headings, in the order they were added. */
    private record CommandList(List<Entry> entries) implements IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
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
        }
    }
}
