package dev.kraft.machine;

import dev.kraft.machine.network.LinkCommands;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The life of machines: start, pause, stop, remove, and what state each is really in. A record
 * is checked against its hypervisor (for QEMU, the process its PID file names, and QEMU's own
 * status over QMP), whatever state it says, so a hypervisor killed from outside shows as ended,
 * one left running by a kraft killed mid-start shows as running, and a guest stuck in an
 * internal error shows as failed.
 */
public final class MachineService {
    private static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(2);
    private static final Duration REMOVE_STOP_TIMEOUT = Duration.ofSeconds(5);
    private final MachineStore store;
    private final Drivers drivers;
    private final LinkCommands links;
    private final Supervisor supervisor;
    private final Clock clock;

    /** @param supervisor finds the process of a record that cannot be read, whatever its driver */
    public MachineService(MachineStore store, Drivers drivers, LinkCommands links, Supervisor supervisor, Clock clock) {
        this.store = store;
        this.drivers = drivers;
        this.links = links;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    public MachineStore store() {
        return store;
    }

    public Drivers drivers() {
        return drivers;
    }

    public MachinePaths paths(MachineRecord machine) {
        return store.paths(machine);
    }

    /** Every machine as it is now; one that was to go when it ended ({@link MachineSpec#autoRemove}) and has, is removed. */
    public List<MachineRecord> list() {
        return store.list().stream()
                .map(this::refresh)
                .filter(m -> !removedOnExit(m))
                .toList();
    }

    public MachineRecord find(String nameOrId) {
        MachineRecord found = refresh(store.find(nameOrId));
        if (removedOnExit(found)) {
            throw new KraftException(
                    ExitCode.NOT_FOUND, "no machine named " + nameOrId + " (it was removed when it ended: --rm)");
        }
        return found;
    }

    /** Removes a machine of {@code run -d --rm} that has ended; the record of another user's stays until they look. */
    private boolean removedOnExit(MachineRecord machine) {
        if (!machine.spec().autoRemove()
                || machine.broken()
                || machine.active()
                || machine.state() == MachineState.CREATED) {
            return false;
        }
        try {
            removeTaps(machine);
            store.remove(machine);
            return true;
        } catch (KraftException e) {
            return false;
        }
    }

    /**
     * Starts the machine, creating its TAP devices on their bridges first. The record says
     * "starting" before the hypervisor exists, so a kraft killed now leaves no process that no
     * record knows; a start that fails leaves the machine failed, with the reason.
     */
    public MachineRecord start(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        if (current.broken()) {
            throw new KraftException(
                    ExitCode.STATE,
                    "cannot start " + current.name() + ": its record is broken ("
                            + current.status().problem().orElse("") + "); remove it (kraft rm) and create it again");
        }
        if (current.active()) {
            return current;
        }
        PortConflicts.check(
                current.spec().ports(),
                list().stream().filter(m -> !m.id().equals(current.id())).toList());
        MachineDriver driver = driver(current);
        MachineRecord starting = current.with(current.status().starting(self(), clock.millis()));
        store.save(starting);
        MachineDriver.Started started;
        try {
            for (NetworkAttachment network : current.spec().networks()) {
                if (!links.exists(network.tap())) {
                    links.createTap(network.tap(), network.bridge());
                }
            }
            started = driver.start(current.spec(), store.paths(current));
        } catch (RuntimeException e) {
            removeTaps(current);
            store.save(starting.with(starting.status()
                    .ended(
                            MachineState.FAILED,
                            Optional.empty(),
                            Optional.ofNullable(e.getMessage()),
                            clock.millis())));
            throw e;
        }
        MachineRecord running = starting.with(starting.status()
                .running(
                        new ProcessIdentity(started.pid(), started.pidStartMillis()),
                        clock.millis(),
                        started.command()));
        store.save(running);
        return running;
    }

    /** The machine as it really is now; the record is updated when it was out of date. */
    public MachineRecord refresh(MachineRecord machine) {
        if (machine.broken()) {
            return machine;
        }
        MachineDriver driver = driver(machine);
        MachinePaths paths = store.paths(machine);
        boolean starting = machine.state() == MachineState.STARTING
                && machine.status().starter().map(ProcessIdentity::alive).orElse(false);
        MachineRecord now;
        if (driver.running(machine, paths)) {
            if (starting || machine.state() == MachineState.PAUSED) {
                return machine;
            }
            if (machine.state() == MachineState.RUNNING) {
                Optional<VmFault> fault = driver.fault(machine, paths);
                return fault.isPresent() ? fail(machine, fault.get()) : machine;
            }
            ProcessIdentity process = supervisor
                    .process(paths)
                    .flatMap(h -> ProcessIdentity.of(h.pid()))
                    .orElse(new ProcessIdentity(0, 0));
            now = machine.with(machine.status().running(process, clock.millis(), List.of()));
        } else if (starting || !machine.active()) {
            return machine;
        } else if (machine.state() == MachineState.STARTING
                && driver.exitStatus(paths).isEmpty()) {
            now = machine.with(machine.status().neverStarted());
        } else {
            now = ended(machine, driver.exitStatus(paths));
        }
        store.saveIfAllowed(now);
        return now;
    }

    /** Whether the machine's hypervisor runs now (a broken record: whether a process of its directory runs). */
    public boolean running(MachineRecord machine) {
        return machine.broken()
                ? supervisor.process(store.paths(machine)).isPresent()
                : driver(machine).running(machine, store.paths(machine));
    }

    /** Whether the machine's guest is stuck (QEMU's internal error): checked while a console is followed. */
    public Optional<VmFault> fault(MachineRecord machine) {
        return machine.broken() ? Optional.empty() : driver(machine).fault(machine, store.paths(machine));
    }

    /** Ends a machine that cannot go on: its hypervisor is stopped and the record says why. */
    public MachineRecord fail(MachineRecord machine, VmFault fault) {
        try {
            driver(machine).stop(machine, store.paths(machine), Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MachineRecord failed = machine.with(machine.status()
                .ended(MachineState.FAILED, Optional.empty(), Optional.of(fault.message()), clock.millis()));
        store.saveIfAllowed(failed);
        return failed;
    }

    /** Waits for the machine to end by itself and records how it ended. */
    public GuestExit awaitExit(MachineRecord machine) throws InterruptedException {
        while (running(machine)) {
            Thread.sleep(10);
        }
        Optional<Integer> status = awaitExitStatus(machine);
        GuestExit exit = status.map(GuestExit::fromHypervisor)
                .orElse(driver(machine).reportsExitStatus() ? GuestExit.fromHypervisor(1) : GuestExit.UNKNOWN);
        MachineRecord latest = store.find(machine.id());
        store.save(ended(latest, status.isPresent() || !driver(machine).reportsExitStatus() ? status : Optional.of(1)));
        return exit;
    }

    /** Stops a machine; stopping one that is not running does nothing (docker's behaviour). */
    public MachineRecord stop(MachineRecord machine, Duration timeout) throws InterruptedException {
        MachineRecord current = refresh(machine);
        if (current.broken()) {
            supervisor.stop(store.paths(current), current.name(), timeout);
            return current;
        }
        if (!current.active()) {
            return current;
        }
        driver(current).stop(current, store.paths(current), timeout);
        Optional<Integer> status = awaitExitStatus(current);
        MachineRecord stopped = current.with(current.status()
                .ended(
                        MachineState.STOPPED,
                        status.map(s -> GuestExit.fromHypervisor(s).code()),
                        Optional.empty(),
                        clock.millis()));
        store.save(stopped);
        return stopped;
    }

    public MachineRecord pause(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        if (current.state() != MachineState.RUNNING) {
            throw new KraftException(
                    ExitCode.STATE,
                    "cannot pause " + current.name() + ": it is "
                            + current.state().label());
        }
        driver(current).pause(current, store.paths(current));
        MachineRecord paused = current.with(current.status().paused(true));
        store.save(paused);
        return paused;
    }

    public MachineRecord resume(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        driver(current).resume(current, store.paths(current));
        MachineRecord running = current.with(current.status().paused(false));
        store.save(running);
        return running;
    }

    /** Removes a machine and all its files; a running one only with {@code force}. A broken record's process is stopped too. */
    public void remove(MachineRecord machine, boolean force) throws InterruptedException {
        MachineRecord current = refresh(machine);
        if (current.active() || running(current)) {
            if (!force) {
                throw new KraftException(
                        ExitCode.STATE,
                        Input.FORCE,
                        "",
                        "machine " + current.name() + " is "
                                + (current.broken()
                                        ? "running"
                                        : current.state().label()) + "; stop it first");
            }
            if (current.broken()) {
                supervisor.stop(store.paths(current), current.name(), REMOVE_STOP_TIMEOUT);
            } else {
                driver(current).stop(current, store.paths(current), REMOVE_STOP_TIMEOUT);
            }
        }
        removeTaps(current);
        store.remove(current);
    }

    /** The running or paused machines attached to a network. */
    public List<String> activeOn(String network) {
        return list().stream()
                .filter(MachineRecord::active)
                .filter(m ->
                        m.spec().networks().stream().anyMatch(a -> a.network().equals(network)))
                .map(MachineRecord::name)
                .toList();
    }

    private void removeTaps(MachineRecord machine) {
        for (NetworkAttachment network : machine.spec().networks()) {
            if (links.exists(network.tap())) {
                links.delete(network.tap());
            }
        }
    }

    /** How a machine's end reads from its hypervisor's status: a guest's exit, or the hypervisor's own failure. */
    private MachineRecord ended(MachineRecord machine, Optional<Integer> status) {
        Optional<GuestExit> exit = status.map(GuestExit::fromHypervisor);
        if (exit.map(e -> e.kind() == GuestExit.Kind.HYPERVISOR_FAILED).orElse(false)) {
            return machine.with(machine.status()
                    .ended(
                            MachineState.FAILED,
                            Optional.of(1),
                            Optional.of(hypervisorFailed(machine, status)),
                            clock.millis()));
        }
        return machine.with(machine.status()
                .ended(MachineState.EXITED, exit.map(GuestExit::code), Optional.empty(), clock.millis()));
    }

    private String hypervisorFailed(MachineRecord machine, Optional<Integer> status) {
        return HypervisorLog.failure(
                        "the hypervisor failed",
                        HypervisorLog.tail(store.paths(machine).hypervisorLog()),
                        status)
                .getMessage();
    }

    private Optional<Integer> awaitExitStatus(MachineRecord machine) throws InterruptedException {
        MachineDriver driver = driver(machine);
        if (!driver.reportsExitStatus()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + EXIT_STATUS_WAIT.toNanos();
        Optional<Integer> status = driver.exitStatus(store.paths(machine));
        while (status.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            status = driver.exitStatus(store.paths(machine));
        }
        return status;
    }

    private MachineDriver driver(MachineRecord machine) {
        return drivers.driver(machine.spec());
    }

    private static ProcessIdentity self() {
        return ProcessIdentity.of(ProcessHandle.current().pid())
                .orElse(new ProcessIdentity(ProcessHandle.current().pid(), 0));
    }
}
