package dev.kraft.runtime;

import java.nio.file.Path;

/** The files of one container, in its directory under the runtime's root. */
public record ContainerPaths(Path dir) {
    public Path record() {
        return dir.resolve("container.json");
    }

    /** A FIFO the init process waits on until {@code start} opens it. */
    public Path gate() {
        return dir.resolve("gate");
    }

    /** Written by the init process once it waits at the gate: it runs, in its namespace. */
    public Path ready() {
        return dir.resolve("ready");
    }

    /** What the init process becomes when the gate opens; its existence says the container was started. */
    public Path command() {
        return dir.resolve("command");
    }

    /** The init process's stderr, for a container without a machine (a pod's sandbox). */
    public Path log() {
        return dir.resolve("init.log");
    }
}
