package dev.kraft.machine;

import java.nio.file.Path;

/** The files of one machine, all in its state directory. */
public record MachinePaths(Path dir) {
    public Path record() {
        return dir.resolve("machine.json");
    }

    /** The guest's serial console: what {@code kraft logs} shows. */
    public Path serialLog() {
        return dir.resolve("machine.log");
    }

    /**
     * When the console log grew: lines of {@code <size> <epoch seconds>}, appended by the
     * supervising shell each second the log changed ({@link ConsoleTimes}).
     */
    public Path consoleTimes() {
        return dir.resolve("machine.log.times");
    }

    /** The hypervisor's own messages (QEMU's stderr). */
    public Path hypervisorLog() {
        return dir.resolve("qemu.log");
    }

    public Path pidFile() {
        return dir.resolve("machine.pid");
    }

    public Path qmpSocket() {
        return dir.resolve("qmp.sock");
    }

    /** Written by the supervising shell when the hypervisor exits: its exit status. */
    public Path exitStatus() {
        return dir.resolve("exit-status");
    }
}
