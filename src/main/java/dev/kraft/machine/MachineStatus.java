package dev.kraft.machine;

import dev.kraft.support.ProcessIdentity;
import java.util.List;
import java.util.Optional;

/**
 * Where a machine is in its life, and since when. {@code process} is the hypervisor (PID and
 * start time, so a reused PID is never mistaken for it); {@code starter} is the kraft that is
 * starting it, so a start cut short by {@code kill -9} is told from one under way.
 *
 * @param exitCode the guest's exit code, once it ended by itself (or was stopped)
 * @param problem  why it failed, or why its record cannot be read
 */
public record MachineStatus(
        MachineState state,
        Optional<ProcessIdentity> process,
        Optional<ProcessIdentity> starter,
        long createdAt,
        long startedAt,
        long endedAt,
        Optional<Integer> exitCode,
        List<String> command,
        Optional<String> problem) {

    public MachineStatus {
        command = List.copyOf(command);
    }

    public static MachineStatus created(long now) {
        return new MachineStatus(
                MachineState.CREATED,
                Optional.empty(),
                Optional.empty(),
                now,
                0,
                0,
                Optional.empty(),
                List.of(),
                Optional.empty());
    }

    /** A record that cannot be read: only the reason is known. */
    public static MachineStatus broken(String reason) {
        return new MachineStatus(
                MachineState.BROKEN,
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                0,
                Optional.empty(),
                List.of(),
                Optional.of(reason));
    }

    public MachineStatus starting(ProcessIdentity kraft, long now) {
        return new MachineStatus(
                MachineState.STARTING,
                Optional.empty(),
                Optional.of(kraft),
                createdAt,
                now,
                0,
                Optional.empty(),
                List.of(),
                Optional.empty());
    }

    public MachineStatus running(ProcessIdentity hypervisor, long now, List<String> argv) {
        return new MachineStatus(
                MachineState.RUNNING,
                Optional.of(hypervisor),
                Optional.empty(),
                createdAt,
                state == MachineState.STARTING ? startedAt : now,
                0,
                Optional.empty(),
                argv.isEmpty() ? command : argv,
                Optional.empty());
    }

    public MachineStatus paused(boolean paused) {
        return new MachineStatus(
                paused ? MachineState.PAUSED : MachineState.RUNNING,
                process,
                starter,
                createdAt,
                startedAt,
                endedAt,
                exitCode,
                command,
                problem);
    }

    /** @param state {@link MachineState#EXITED}, {@link MachineState#STOPPED} or {@link MachineState#FAILED} */
    public MachineStatus ended(MachineState state, Optional<Integer> code, Optional<String> why, long now) {
        return new MachineStatus(
                state, Optional.empty(), Optional.empty(), createdAt, startedAt, now, code, command, why);
    }

    /** A start that never got a hypervisor running: the machine is as it was created. */
    public MachineStatus neverStarted() {
        return new MachineStatus(
                MachineState.CREATED,
                Optional.empty(),
                Optional.empty(),
                createdAt,
                0,
                0,
                Optional.empty(),
                command,
                Optional.empty());
    }
}
