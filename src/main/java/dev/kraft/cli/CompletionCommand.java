package dev.kraft.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kraft completion bash|zsh|fish}: a completion script generated from the command model,
 * so it cannot drift from the commands. zsh loads the bash script through bashcompinit; fish
 * gets a small script of its own (picocli has no fish generator).
 */
@Command(name = "completion", mixinStandardHelpOptions = true, description = "Print a shell completion script.",
        footer = {"", "Examples:", "  source <(kraft completion bash)",
                "  kraft completion zsh > \"${fpath[1]}/_kraft\"",
                "  kraft completion fish > ~/.config/fish/completions/kraft.fish"})
final class CompletionCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Spec
    CommandSpec spec;

    CompletionCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        // The whole tree: the one this run parsed holds only this command in full.
        CommandLine root = Kraft.commandLine(services, new GlobalOptions());
        String bash = AutoComplete.bash("kraft", root);
        var out = spec.commandLine().getOut();
        switch (shell) {
            case "bash" -> out.print(bash);
            case "zsh" -> out.print("#compdef kraft\nautoload -U +X bashcompinit && bashcompinit\n" + bash);
            case "fish" -> out.print(fish(root));
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "SHELL " + shell + ": expected bash, zsh or fish");
        }
        out.flush();
        return 0;
    }

    private static String fish(CommandLine root) {
        StringBuilder script = new StringBuilder("complete -c kraft -f\n");
        root.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                script.append("complete -c kraft -n __fish_use_subcommand -a ").append(name)
                        .append(" -d '").append(String.join(" ", sub.getCommandSpec().usageMessage().description()).replace("'", "\\'"))
                        .append("'\n");
                String options = sub.getCommandSpec().options().stream()
                        .flatMap(o -> Arrays.stream(o.names())).filter(n -> n.startsWith("--"))
                        .map(n -> n.substring(2)).collect(Collectors.joining(" "));
                for (String option : options.split(" ")) {
                    if (!option.isEmpty()) {
                        script.append("complete -c kraft -n '__fish_seen_subcommand_from ").append(name).append("' -l ").append(option).append('\n');
                    }
                }
            }
        });
        return script.toString();
    }
}
