package dev.kraft.machine;

import java.time.Duration;
import java.util.Optional;

/**
 * What drivers whose hypervisor is a local process (QEMU, Firecracker) share: the process runs
 * under the {@link Supervisor}, is alive while its PID file names a live process of this
 * machine, reports its exit status through the supervisor, and is stopped with SIGTERM then
 * SIGKILL.
 */
public abstract class SupervisedDriver implements MachineDriver {
    protected final Supervisor supervisor;

    protected SupervisedDriver(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public boolean running(MachineRecord machine, MachinePaths paths) {
        return supervisor.process(paths).isPresent();
    }

    @Override
    public Optional<Integer> exitStatus(MachinePaths paths) {
        return supervisor.exitStatus(paths);
    }

    @Override
    public void stop(MachineRecord machine, MachinePaths paths, Duration timeout) throws InterruptedException {
        supervisor.stop(paths, machine.name(), timeout);
    }
}
