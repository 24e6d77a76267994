package dev.kraft.support;

import java.util.Optional;

/**
 * A process named by PID and start time. The kernel reuses PIDs, so a PID alone may by now
 * belong to someone else's process; with the start time it cannot be mistaken.
 */
public record ProcessIdentity(long pid, long startMillis) {

    public static Optional<ProcessIdentity> of(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().startInstant())
                .map(start -> new ProcessIdentity(pid, start.toEpochMilli()));
    }

    /** The live process, if this is still it. */
    public Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info()
                        .startInstant()
                        .map(s -> Math.abs(s.toEpochMilli() - startMillis) < 1000)
                        .orElse(false));
    }

    public boolean alive() {
        return handle().isPresent();
    }
}
