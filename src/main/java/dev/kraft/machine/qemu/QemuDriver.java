package dev.kraft.machine.qemu;

import dev.kraft.machine.SupervisedDriver;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.Supervisor;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Machines under QEMU: the command line from {@link QemuArgs}, the process under the
 * {@link Supervisor}, pause and resume over QMP. The host (binary, KVM, version) is probed only
 * when a machine starts.
 */
public final class QemuDriver extends SupervisedDriver {
    private final Supplier<QemuHost> host;

    public QemuDriver(Supplier<QemuHost> host, Supervisor supervisor) {
        super(supervisor);
        this.host = host;
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        List<String> command = QemuArgs.build(spec, host.get(), paths);
        ProcessIdentity process = supervisor.launch(command, paths);
        return new Started(process.pid(), process.startMillis(), command);
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
