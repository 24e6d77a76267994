package dev.kraft.runu;

import dev.kraft.runtime.RuntimeJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code features}: what of config.json this runtime honours (runtime-spec features.md). */
@Command(name = "features", mixinStandardHelpOptions = true, description = "Print what this runtime supports (JSON).")
final class FeaturesCommand implements Callable<Integer> {
    private final RunuServices services;

    FeaturesCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        services.env().out().println(RuntimeJson.features());
        return 0;
    }
}
