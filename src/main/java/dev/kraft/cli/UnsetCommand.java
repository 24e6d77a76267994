package dev.kraft.cli;

import dev.kraft.log.Console;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft unset}: deletes Kconfig values from the Kraftfile, line by line, so the defaults
 * of Config.uk apply again at the next build. KraftKit's unset is a no-op (issue #94).
 */
@Command(
        name = "unset",
        aliases = "u",
        mixinStandardHelpOptions = true,
        description = "Remove Kconfig values from the Kraftfile (unikraft.kconfig, or a target's with -t).",
        footer = {
            "",
            "Examples:",
            "  kraft unset CONFIG_HELLO_GREETING",
            "  kraft unset -t debug CONFIG_LIBUKDEBUG_PRINTD"
        })
final class UnsetCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;

    @Parameters(arity = "1..*", paramLabel = "CONFIG_X")
    List<String> keys;

    @Mixin
    KconfigEditOptions edit = new KconfigEditOptions();

    UnsetCommand(Projects projects, Supplier<Console> console) {
        this.projects = projects;
        this.console = console;
    }

    @Override
    public Integer call() {
        edit.editor(projects.env()).unset(edit.load(projects), edit.target(), keys);
        keys.forEach(key -> console.get().info("unset " + key));
        return 0;
    }
}
