package dev.kraft.runu;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code start}: boots a created container's unikernel. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start a created container.")
final class StartCommand implements Callable<Integer> {
    private final RunuServices services;

    @Parameters(paramLabel = "ID", description = "The container's id.")
    String id;

    StartCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        services.runtime().start(id);
        return 0;
    }
}
