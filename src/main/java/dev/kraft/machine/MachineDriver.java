package dev.kraft.machine;

import dev.kraft.unikraft.KConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A hypervisor that runs machines: QEMU, Firecracker, Xen. The service keeps the records; a
 * driver only checks, starts, inspects and stops what it runs.
 */
public interface MachineDriver {

    /** What a start produced: the process to watch (pid 0 when there is none) and its command. */
    record Started(long pid, long pidStartMillis, List<String> command) {}

    /**
     * Refuses a spec this hypervisor cannot run (or a hypervisor that is not installed) before
     * any record exists; answers warnings worth reading before the boot.
     *
     * @param kconfig the kernel's configuration, when known (empty otherwise)
     */
    default List<String> preflight(MachineSpec spec, KConfig kconfig) {
        return List.of();
    }

    /** Boots the machine; the console goes to {@code paths.serialLog()}. */
    Started start(MachineSpec spec, MachinePaths paths);

    /** Whether the machine still runs (or is paused). */
    boolean running(MachineRecord machine, MachinePaths paths);

    /** A machine whose hypervisor lives but whose guest can never go on (QEMU's internal-error), and why. */
    default Optional<VmFault> fault(MachineRecord machine, MachinePaths paths) {
        return Optional.empty();
    }

    /** The hypervisor's exit status once it has ended, when it can be known. */
    Optional<Integer> exitStatus(MachinePaths paths);

    /** Whether {@link #exitStatus} ever knows; Xen does not tell, so nobody should wait for it. */
    default boolean reportsExitStatus() {
        return true;
    }

    /** Ends the machine: politely, then by force after the timeout. Does nothing if it is not running. */
    void stop(MachineRecord machine, MachinePaths paths, Duration timeout) throws InterruptedException;

    void pause(MachineRecord machine, MachinePaths paths);

    void resume(MachineRecord machine, MachinePaths paths);
}
