package dev.kraft.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a shell offers at TAB, worked out by kraft itself from its command model ({@code kraft
 * __complete WORD...}), so bash, zsh and fish offer the same: subcommands, options, the values
 * an option names ({@link Choices}), and what only this machine knows, read when asked: machine
 * names for the machine commands, the project's targets for {@code -t}, network names.
 */
final class Completer {
    /** A value to offer, and what it is. */
    record Candidate(String value, String description) {}

    /** What to offer; {@code files} asks the shell to offer paths too. */
    record Answer(List<Candidate> candidates, boolean files) {}

    /** What only this machine knows, each read only when the words ask for it; a source that fails offers nothing. */
    record Sources(
            Supplier<List<Candidate>> machines,
            Supplier<List<Candidate>> targets,
            Supplier<List<Candidate>> networks) {}

    private static final Set<String> MACHINE_COMMANDS =
            Set.of("kraft logs", "kraft stop", "kraft start", "kraft pause", "kraft remove");
    private static final Set<String> NETWORK_COMMANDS =
            Set.of("kraft net remove", "kraft net inspect", "kraft net up", "kraft net down");
    private final Sources sources;

    Completer(Sources sources) {
        this.sources = sources;
    }

    /** @param words the words after {@code kraft}, the last the one being completed (possibly empty) */
    Answer complete(CommandLine root, List<String> words) {
        CommandLine command = root;
        int positionals = 0;
        boolean optionsEnded = false;
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        List<String> done = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        for (int i = 0; i < done.size(); i++) {
            String word = done.get(i);
            if (!optionsEnded && word.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && word.startsWith("-") && word.length() > 1) {
                OptionSpec option = command.getCommandSpec()
                        .findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
                if (option != null && option.arity().min() > 0 && !word.contains("=")) {
                    if (i == done.size() - 1) {
                        return values(command, option, current, "");
                    }
                    i++;
                }
            } else if (positionals == 0
                    && !optionsEnded
                    && command.getSubcommands().containsKey(word)) {
                command = command.getSubcommands().get(word);
            } else {
                positionals++;
            }
        }
        if (!optionsEnded && current.startsWith("--") && current.contains("=")) {
            String name = current.substring(0, current.indexOf('='));
            OptionSpec option = command.getCommandSpec().findOption(name);
            return option == null
                    ? new Answer(List.of(), false)
                    : values(command, option, current.substring(name.length() + 1), name + "=");
        }
        if (!optionsEnded && current.startsWith("-")) {
            return new Answer(options(command.getCommandSpec(), current), false);
        }
        return positional(command, positionals, current);
    }

    /** Subcommands (before any argument), then what the command's arguments are. */
    private Answer positional(CommandLine command, int before, String current) {
        List<Candidate> candidates = new ArrayList<>();
        if (before == 0) {
            for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
                CommandSpec spec = sub.getValue().getCommandSpec();
                if (sub.getKey().equals(sub.getValue().getCommandName())
                        && !spec.usageMessage().hidden()) {
                    candidates.add(new Candidate(
                            sub.getKey(), String.join(" ", spec.usageMessage().description())));
                }
            }
        }
        String name = command.getCommandSpec().qualifiedName(" ");
        if (MACHINE_COMMANDS.contains(name)) {
            candidates.addAll(safely(sources.machines()));
            return new Answer(startingWith(candidates, current), false);
        }
        if (NETWORK_COMMANDS.contains(name)) {
            candidates.addAll(safely(sources.networks()));
            return new Answer(startingWith(candidates, current), false);
        }
        List<? extends ArgSpec> params = command.getCommandSpec().positionalParameters();
        boolean files = false;
        for (ArgSpec param : params) {
            if (param.completionCandidates() != null) {
                param.completionCandidates().forEach(v -> candidates.add(new Candidate(v, "")));
            } else {
                files |= takesPaths(param);
            }
        }
        return new Answer(startingWith(candidates, current), files);
    }

    /** The values of an option: its choices, the project's targets, the networks, or paths. */
    private Answer values(CommandLine command, OptionSpec option, String current, String prefix) {
        List<Candidate> candidates = new ArrayList<>();
        if (option.completionCandidates() != null) {
            option.completionCandidates().forEach(v -> candidates.add(new Candidate(v, "")));
        } else if (option.longestName().equals("--target")) {
            candidates.addAll(safely(sources.targets()));
        } else if (option.longestName().equals("--network")
                && command.getCommandSpec().name().equals("run")) {
            candidates.addAll(safely(sources.networks()));
        }
        List<Candidate> matching = startingWith(candidates, current).stream()
                .map(c -> new Candidate(prefix + c.value(), c.description()))
                .toList();
        return new Answer(matching, candidates.isEmpty() && takesPaths(option));
    }

    private static List<Candidate> options(CommandSpec command, String current) {
        List<Candidate> candidates = new ArrayList<>();
        for (OptionSpec option : command.options()) {
            if (!option.hidden()) {
                String description = String.join(" ", option.description());
                for (String name : option.names()) {
                    candidates.add(new Candidate(name, description));
                }
            }
        }
        return startingWith(candidates, current);
    }

    /** A file or directory: by its type, or by what its label says it is. */
    private static boolean takesPaths(ArgSpec arg) {
        String label = arg.paramLabel();
        return arg.type() == Path.class
                || label.contains("FILE")
                || label.contains("DIR")
                || label.contains("PATH")
                || label.contains("KERNEL")
                || label.contains("PROJECT");
    }

    private static List<Candidate> startingWith(List<Candidate> candidates, String prefix) {
        return candidates.stream()
                .filter(c -> c.value().startsWith(prefix))
                .distinct()
                .toList();
    }

    private static List<Candidate> safely(Supplier<List<Candidate>> source) {
        try {
            return source.get();
        } catch (RuntimeException nothingToOffer) {
            return List.of();
        }
    }
}
