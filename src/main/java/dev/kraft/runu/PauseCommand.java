package dev.kraft.runu;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pause} and {@code resume} (one class, two names): the guest's vCPUs stopped and let go again, over QMP. */
class PauseCommand implements Callable<Integer> {
    private final RunuServices services;
    private final boolean pause;

    @Parameters(paramLabel = "ID", description = "The container's id.")
    String id;

    private PauseCommand(RunuServices services, boolean pause) {
        this.services = services;
        this.pause = pause;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a running container's guest.")
    static final class Pause extends PauseCommand {
        Pause(RunuServices services) {
            super(services, true);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused container's guest.")
    static final class Resume extends PauseCommand {
        Resume(RunuServices services) {
            super(services, false);
        }
    }

    @Override
    public Integer call() {
        services.runtime().pause(id, pause);
        return 0;
    }
}
