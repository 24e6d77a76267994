package dev.kraft.machine.qemu;

import dev.kraft.machine.MachineDriver;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.Supervisor;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Machines under QEMU: the command line from {@link QemuArgs}, the process under the
 * {@link Supervisor}, pause and resume over QMP. The host (binary, KVM, version) is probed only
 * when a machine starts.
 */
public final class QemuDriver implements MachineDriver {
    private final Supplier<QemuHost> host;
    private final Supervisor supervisor;

    public QemuDriver(Supplier<QemuHost> host, Supervisor supervisor) {
        this.host = host;
        this.supervisor = supervisor;
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        List<String> command = QemuArgs.build(spec, host.get(), paths);
        ProcessIdentity process = supervisor.launch(command, paths);
        return new Started(process.pid(), process.startMillis(), command);
    }

    @Override
    public boolean running(MachineRecord machine, MachinePaths paths) {
        return new ProcessIdentity(machine.pid(), machine.pidStartMillis()).alive();
    }

    @Override
    public Optional<Integer> exitStatus(MachinePaths paths) {
        return supervisor.exitStatus(paths);
    }

    @Override
    public void stop(MachineRecord machine, MachinePaths paths, Duration timeout) throws InterruptedException {
        supervisor.stop(new ProcessIdentity(machine.pid(), machine.pidStartMillis()), timeout);
    }

    @Override
    public void pause(MachineRecord machine, MachinePaths paths) {
        control(paths, "stop");
    }

    @Override
    public void resume(MachineRecord machine, MachinePaths paths) {
        control(paths, "cont");
    }

    private static void control(MachinePaths paths, String command) {
        try {
            String answer = Qmp.execute(paths.qmpSocket(), command);
            if (answer.contains("\"error\"")) {
                throw new KraftException(ExitCode.HYPERVISOR_FAILED, "QEMU refused " + command + ": " + answer);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.STATE, "cannot reach the machine's control socket: " + e.getMessage(), e);
        }
    }
}
