package dev.kraft.machine.qemu;

import dev.kraft.machine.HypervisorLog;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.SupervisedDriver;
import dev.kraft.machine.Supervisor;
import dev.kraft.machine.VmFault;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.unikraft.KConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Machines under QEMU: the command line from {@link QemuArgs}, the process under the
 * {@link Supervisor}, pause, resume and the guest's state over QMP. One driver serves one host
 * key (architecture, emulation), so its host says whether this machine runs under KVM; the
 * host (binary, KVM, version) is probed only when a machine is checked or started.
 */
public final class QemuDriver extends SupervisedDriver {
    private final Supplier<QemuHost> host;

    public QemuDriver(Supplier<QemuHost> host, Supervisor supervisor) {
        super(supervisor);
        this.host = host;
    }

    @Override
    public List<String> preflight(MachineSpec spec, KConfig kconfig) {
        return Rdseed.warning(kconfig, host.get()).stream().toList();
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        List<String> command = QemuArgs.build(spec, host.get(), paths, supervisor.consoleOnStdout());
        try {
            // kraft makes the file QEMU writes into, so it is kraft's to give back when sudo runs kraft under a user's
            // HOME.
            if (!Files.exists(QemuArgs.pidFile(paths))) {
                Files.createFile(QemuArgs.pidFile(paths));
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot create " + QemuArgs.pidFile(paths) + ": " + e.getMessage(), e);
        }
        ProcessIdentity process = supervisor.launch(command, paths);
        return new Started(process.pid(), process.startMillis(), command);
    }

    /** QEMU keeps running when KVM fails the guest ("internal-error") or the guest panics; QMP says so. */
    @Override
    public Optional<VmFault> fault(MachineRecord machine, MachinePaths paths) {
        String status;
        try {
            status = Qmp.status(paths.qmpSocket());
        } catch (IOException e) {
            return Optional.empty();
        }
        return switch (status) {
            case "internal-error" ->
                Optional.of(internalError(
                        HypervisorLog.summary(paths.hypervisorLog()), host.get().kvm()));
            case "guest-panicked" -> Optional.of(new VmFault("the guest panicked (QEMU: guest-panicked)", false));
            default -> Optional.empty();
        };
    }

    /** Under KVM, KVM is to blame (nested hosts fail guests with "emulation failure") and TCG would run the guest. */
    private static VmFault internalError(String said, boolean kvm) {
        String detail = said.isEmpty() ? "" : ": " + said;
        return kvm
                ? new VmFault("KVM could not run the guest" + detail, true)
                : new VmFault("QEMU stopped the guest on an internal error" + detail, false);
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
