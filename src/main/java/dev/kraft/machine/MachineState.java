package dev.kraft.machine;

/** Where a machine is in its life. */
public enum MachineState {
    CREATED, RUNNING, PAUSED, EXITED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
