package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft set}: writes Kconfig values into the Kraftfile, where the next build takes them.
 * KraftKit's set is a no-op (issue #94); this one persists, changing only the lines concerned.
 */
@Command(
        name = "set",
        aliases = "s",
        mixinStandardHelpOptions = true,
        description = "Set Kconfig values in the Kraftfile (unikraft.kconfig, or a target's with -t).",
        footer = {
            "",
            "Examples:",
            "  kraft set CONFIG_LIBUKDEBUG_PRINTK_INFO=y",
            "  kraft set CONFIG_HELLO_GREETING=\"from set\"   written as 'from set'",
            "  kraft set -t debug CONFIG_LIBUKDEBUG_PRINTD=y"
        })
final class SetCommand implements Callable<Integer> {
    private final Projects projects;
    private final Supplier<Console> console;

    @Parameters(arity = "1..*", paramLabel = "CONFIG_X=VALUE")
    List<String> assignments;

    @Mixin
    KconfigEditOptions edit = new KconfigEditOptions();

    SetCommand(Projects projects, Supplier<Console> console) {
        this.projects = projects;
        this.console = console;
    }

    @Override
    public Integer call() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new KraftException(ExitCode.USAGE, assignment + ": expected CONFIG_X=VALUE");
            }
            values.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        edit.editor(projects.env()).set(edit.load(projects), edit.target(), values);
        values.forEach((key, value) -> console.get().info("set " + key + "=" + value));
        return 0;
    }
}
