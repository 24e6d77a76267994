package dev.kraft.runu;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delete}: removes a container and all it had (processes, TAP device, records). */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a container; a running one only with --force.")
final class DeleteCommand implements Callable<Integer> {
    private final RunuServices services;

    @Option(
            names = {"-f", "--force"},
            description = "Stop the container first if it is running.")
    boolean force;

    @Parameters(paramLabel = "ID", description = "The container's id.")
    String id;

    DeleteCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        services.runtime().delete(id, force);
        return 0;
    }
}
