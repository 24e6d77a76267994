package dev.kraft.cli;

import dev.kraft.kraftfile.KraftfileEditor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft unset}: deletes Kconfig values from the Kraftfile, line by line, so the defaults
 * of Config.uk apply again at the next build. KraftKit's unset is a no-op (issue #94).
 */
@Command(name = "unset", aliases = "u", mixinStandardHelpOptions = true, description = "Remove Kconfig values from the Kraftfile (unikraft.kconfig, or a target's with -t).",
        footer = {"", "Examples:", "  kraft unset CONFIG_HELLO_GREETING", "  kraft unset -t debug CONFIG_LIBUKDEBUG_PRINTD"})
final class UnsetCommand implements Callable<Integer> {
    private final Services services;

    @Parameters(arity = "1..*", paramLabel = "CONFIG_X")
    List<String> keys;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The project directory (default: the current one).")
    String dir;

    @Option(names = {"-K", "--kraftfile"}, paramLabel = "FILE", description = "Edit this Kraftfile instead of searching for one.")
    String kraftfile;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "Remove the values from this target's kconfig (name or plat/arch).")
    String target;

    UnsetCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        var env = services.env();
        new KraftfileEditor(env.cwd(), env.home(), env.vars()).unset(
                services.kraftfiles().load(Optional.ofNullable(dir), Optional.ofNullable(kraftfile)), Optional.ofNullable(target), keys);
        keys.forEach(key -> services.console().info("unset " + key));
        return 0;
    }
}
