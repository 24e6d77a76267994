package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft set}: writes Kconfig values into the Kraftfile, where the next build takes them.
 * KraftKit's set is a no-op (issue #94); this one persists, changing only the lines concerned.
 */
@Command(name = "set", aliases = "s", mixinStandardHelpOptions = true, description = "Set Kconfig values in the Kraftfile (unikraft.kconfig, or a target's with -t).",
        footer = {"", "Examples:",
                "  kraft set CONFIG_LIBUKDEBUG_PRINTK_INFO=y",
                "  kraft set CONFIG_HELLO_GREETING=\"from set\"   written as 'from set'",
                "  kraft set -t debug CONFIG_LIBUKDEBUG_PRINTD=y"})
final class SetCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(arity = "1..*", paramLabel = "CONFIG_X=VALUE")
    List<String> assignments;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
    String dir;

    @Option(names = {"-K", "--kraftfile"}, paramLabel = "FILE", description = "Edit this Kraftfile instead of searching for one.")
    String kraftfile;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "Set the values in this target's kconfig (name or plat/arch).")
    String target;

    SetCommand(Services services) {
        this.services = services;
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
        var env = services.env();
        new KraftfileEditor(env.cwd(), env.home(), env.vars()).set(
                services.kraftfiles().load(Optional.ofNullable(dir), Optional.ofNullable(kraftfile)), Optional.ofNullable(target), values);
        values.forEach((key, value) -> services.console().info("set " + key + "=" + value));
        return 0;
    }
}
