package dev.kraft.runtime;

import java.util.Locale;

/** The OCI runtime spec's statuses of a container, as {@code state} prints them. */
public enum ContainerStatus {
    CREATED,
    RUNNING,
    PAUSED,
    STOPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
