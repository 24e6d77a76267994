package dev.kraft.runu;

import dev.kraft.runtime.Signal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kill}: a signal to the container's hypervisor (QEMU shuts its guest down on SIGTERM), or to its init process before start. */
@Command(
        name = "kill",
        mixinStandardHelpOptions = true,
        description = "Send a signal to a container (default SIGTERM).")
final class KillCommand implements Callable<Integer> {
    private final RunuServices services;

    @Option(
            names = {"-a", "--all"},
            description = "Signal every process of the container; a stopped container is then no error.")
    boolean all;

    @Parameters(index = "0", paramLabel = "ID", description = "The container's id.")
    String id;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "SIGNAL",
            defaultValue = "TERM",
            description = "A name (TERM, SIGKILL) or number.")
    String signal;

    KillCommand(RunuServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        services.runtime().kill(id, Signal.parse(signal), all);
        return 0;
    }
}
