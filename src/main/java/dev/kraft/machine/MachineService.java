package dev.kraft.machine;

import dev.kraft.machine.qemu.QemuArgs;
import dev.kraft.machine.qemu.QemuDriver;
import dev.kraft.machine.qemu.QemuHost;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The life of machines: create, start, pause, stop, remove, and what state each is really in.
 * A record that says "running" is checked against the process (PID and start time), so a QEMU
 * killed from outside shows as exited, with its exit status when the supervisor recorded one.
 */
public final class MachineService {
    private static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(2);
    private final MachineStore store;
    private final QemuDriver qemu;
    private final Clock clock;

    public MachineService(MachineStore store, QemuDriver qemu, Clock clock) {
        this.store = store;
        this.qemu = qemu;
        this.clock = clock;
    }

    public MachineStore store() {
        return store;
    }

    public MachineRecord create(Optional<String> name, BiFunction<String, MachinePaths, MachineSpec> spec) {
        return store.create(name.map(MachineNames::check), spec, clock.millis());
    }

    public MachineRecord start(MachineRecord machine, QemuHost host) {
        MachinePaths paths = store.paths(machine);
        List<String> command = QemuArgs.build(machine.spec(), host, paths);
        ProcessIdentity process = qemu.launch(command, paths);
        MachineRecord running = machine.running(process.pid(), process.startMillis(), clock.millis(), command);
        store.save(running);
        return running;
    }

    /** The machine as it really is now; the record is updated when it was out of date. */
    public MachineRecord refresh(MachineRecord machine) {
        if (!machine.active() || process(machine).alive()) {
            return machine;
        }
        Optional<Integer> status = qemu.exitStatus(store.paths(machine));
        MachineRecord exited = machine.exited(status.map(s -> GuestExit.fromHypervisor(s).code()).orElse(null), clock.millis());
        store.save(exited);
        return exited;
    }

    public List<MachineRecord> list() {
        return store.list().stream().map(this::refresh).toList();
    }

    public MachineRecord find(String nameOrId) {
        return refresh(store.find(nameOrId));
    }

    public boolean running(MachineRecord machine) {
        return process(machine).alive();
    }

    /** Waits for the machine's process to end and records how it ended. */
    public GuestExit awaitExit(MachineRecord machine) throws InterruptedException {
        process(machine).handle().ifPresent(h -> h.onExit().join());
        int status = qemu.awaitExitStatus(store.paths(machine), EXIT_STATUS_WAIT).orElse(1);
        GuestExit exit = GuestExit.fromHypervisor(status);
        store.save(store.find(machine.id()).exited(exit.code(), clock.millis()));
        return exit;
    }

    /** Stops a machine; stopping one that is not running does nothing (docker's behaviour). */
    public MachineRecord stop(MachineRecord machine, Duration timeout) throws InterruptedException {
        MachineRecord current = refresh(machine);
        if (!current.active()) {
            return current;
        }
        qemu.stop(process(current), timeout);
        Optional<Integer> status = qemu.awaitExitStatus(store.paths(current), EXIT_STATUS_WAIT);
        MachineRecord exited = current.exited(status.map(s -> GuestExit.fromHypervisor(s).code()).orElse(null), clock.millis());
        store.save(exited);
        return exited;
    }

    public MachineRecord pause(MachineRecord machine) {
        MachineRecord current = requireRunning(machine, "pause");
        qemu.pause(store.paths(current));
        MachineRecord paused = current.withState(MachineState.PAUSED);
        store.save(paused);
        return paused;
    }

    public MachineRecord resume(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        qemu.resume(store.paths(current));
        MachineRecord running = current.withState(MachineState.RUNNING);
        store.save(running);
        return running;
    }

    /** Removes a machine and all its files; a running one only with {@code force}. */
    public void remove(MachineRecord machine, boolean force) throws InterruptedException {
        MachineRecord current = refresh(machine);
        if (current.active()) {
            if (!force) {
                throw new KraftException(ExitCode.STATE, "machine " + current.name() + " is " + current.state().label()
                        + "; stop it first, or remove it with -f");
            }
            qemu.stop(process(current), Duration.ofSeconds(5));
        }
        store.remove(current);
    }

    public MachinePaths paths(MachineRecord machine) {
        return store.paths(machine);
    }

    private MachineRecord requireRunning(MachineRecord machine, String action) {
        MachineRecord current = refresh(machine);
        if (current.state() != MachineState.RUNNING) {
            throw new KraftException(ExitCode.STATE, "cannot " + action + " " + current.name() + ": it is " + current.state().label());
        }
        return current;
    }

    private static ProcessIdentity process(MachineRecord machine) {
        return new ProcessIdentity(machine.pid(), machine.pidStartMillis());
    }
}
