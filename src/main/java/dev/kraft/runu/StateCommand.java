package dev.kraft.runu;

import dev.kraft.runtime.Container;
import dev.kraft.runtime.ContainerRuntime;
import dev.kraft.runtime.RuntimeJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code state}: the container's state as the OCI runtime spec has it, on stdout. */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Print a container's state (OCI runtime spec JSON).")
final class StateCommand implements Callable<Integer> {
    private final RunuServices services;

    @Parameters(paramLabel = "ID", description = "The container's id.")
    String id;

    StateCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        ContainerRuntime runtime = services.runtime();
        Container container = runtime.find(id);
        services.env().out().println(RuntimeJson.state(container, runtime.status(container)));
        return 0;
    }
}
