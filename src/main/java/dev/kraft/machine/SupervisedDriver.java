package dev.kraft.machine;

import dev.kraft.support.ProcessIdentity;
import java.time.Duration;
import java.util.Optional;

/**
 * What drivers whose hypervisor is a local process (QEMU, Firecracker) share: the process runs
 * under the {@link Supervisor}, is alive while its PID and start time match, reports its exit
 * status through the supervisor, and is stopped with SIGTERM then SIGKILL.
 */
public abstract class SupervisedDriver implements MachineDriver {
    protected final Supervisor supervisor;

    protected SupervisedDriver(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public boolean running(MachineRecord machine, MachinePaths paths) {
        return process(machine).alive();
    }

    @Override
    public Optional<Integer> exitStatus(MachinePaths paths) {
        return supervisor.exitStatus(paths);
    }

    @Override
    public void stop(MachineRecord machine, MachinePaths paths, Duration timeout) throws InterruptedException {
        supervisor.stop(process(machine), timeout);
    }

    private static ProcessIdentity process(MachineRecord machine) {
        return new ProcessIdentity(machine.pid(), machine.pidStartMillis());
    }
}
