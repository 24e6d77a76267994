package dev.kraft.runtime;

import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.Supervisor;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.util.List;

/**
 * Starts a machine's supervising shell as the container's init process, through its gate, so the
 * hypervisor runs as the process the shim watches, with the container's stdio: its console goes
 * to the container's stdout.
 */
final class GateStarter implements Supervisor.Starter {
    private final ContainerPaths container;
    private final ProcessIdentity init;

    GateStarter(ContainerPaths container, ProcessIdentity init) {
        this.container = container;
        this.init = init;
    }

    @Override
    public ProcessHandle start(List<String> argv, MachinePaths paths) {
        ProcessHandle handle = init.handle()
                .orElseThrow(() -> new KraftException(
                        ExitCode.STATE, "the container's init process (PID " + init.pid() + ") has ended"));
        InitProcess.release(container, paths.dir(), argv);
        return handle;
    }

    @Override
    public boolean consoleOnStdout() {
        return true;
    }
}
