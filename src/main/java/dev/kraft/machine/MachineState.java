package dev.kraft.machine;

import java.util.Locale;

/**
 * Where a machine is in its life. Only a guest that ended by itself is {@link #EXITED}: one that
 * kraft stopped is {@link #STOPPED}, one whose hypervisor failed or stuck is {@link #FAILED}, so
 * neither reads as Unikraft's clean exit. {@link #BROKEN} is a record that cannot be read.
 */
public enum MachineState {
    CREATED,
    STARTING,
    RUNNING,
    PAUSED,
    STOPPED,
    EXITED,
    FAILED,
    BROKEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a hypervisor process may belong to the machine now. */
    public boolean active() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }
}
