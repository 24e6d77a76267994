package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ToolFailure;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a machine's console until the machine ends, as {@code kraft run} does in the
 * foreground, and says how it ended. The hypervisor's own state is checked while it runs, so a
 * guest stuck for good (QEMU's internal-error under a KVM that cannot run it) ends the wait with
 * the reason instead of a silent hang.
 */
public final class Attachment {
    /** How often QEMU is asked for its state: a QMP round trip is about a millisecond. */
    private static final long FAULT_CHECK_NANOS = 250_000_000L;

    private final MachineService machines;

    public Attachment(MachineService machines) {
        this.machines = machines;
    }

    /**
     * How a followed machine ended: its record then, what its exit means, the fault that ended
     * it, if one did, and the hypervisor's last lines (kept here, since {@code --rm} removes its log).
     */
    public record Ending(MachineRecord machine, GuestExit exit, Optional<VmFault> fault, List<String> hypervisorSaid) {
        /** A hypervisor that failed, as a failure that shows what it said. */
        public ToolFailure hypervisorFailure() {
            return HypervisorLog.failure("the hypervisor failed", hypervisorSaid, Optional.of(1));
        }
    }

    /**
     * @param firmware show the firmware's output before the kernel's too
     * @return how the machine ended; empty when {@code interrupted} turned true first (the machine still runs)
     */
    public Optional<Ending> follow(
            MachineRecord machine, Consumer<String> console, BooleanSupplier interrupted, boolean firmware)
            throws InterruptedException {
        SerialLog log = new SerialLog(machines.paths(machine).serialLog(), firmware);
        Watch watch = new Watch(machine, interrupted);
        try {
            log.follow(watch::goesOn, line -> console.accept(line.text()));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot read the console log " + machines.paths(machine).serialLog() + ": " + e.getMessage(),
                    e);
        }
        if (watch.fault.isPresent()) {
            return Optional.of(new Ending(
                    machines.fail(machine, watch.fault.get()), GuestExit.fromHypervisor(1), watch.fault, List.of()));
        }
        if (interrupted.getAsBoolean()) {
            return Optional.empty();
        }
        GuestExit exit = machines.awaitExit(machine);
        return Optional.of(new Ending(
                machines.store().find(machine.id()),
                exit,
                Optional.empty(),
                exit.kind() == GuestExit.Kind.HYPERVISOR_FAILED
                        ? HypervisorLog.tail(machines.paths(machine).hypervisorLog())
                        : List.of()));
    }

    /** Whether to keep following: not interrupted, still running, and (checked now and then) not stuck. */
    private final class Watch {
        private final MachineRecord machine;
        private final BooleanSupplier interrupted;
        private Optional<VmFault> fault = Optional.empty();
        private long nextCheck = System.nanoTime();

        Watch(MachineRecord machine, BooleanSupplier interrupted) {
            this.machine = machine;
            this.interrupted = interrupted;
        }

        boolean goesOn() {
            if (interrupted.getAsBoolean() || !machines.running(machine)) {
                return false;
            }
            if (System.nanoTime() - nextCheck >= 0) {
                nextCheck = System.nanoTime() + FAULT_CHECK_NANOS;
                fault = machines.fault(machine);
            }
            return fault.isEmpty();
        }
    }
}
