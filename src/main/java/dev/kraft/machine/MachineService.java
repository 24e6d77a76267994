package dev.kraft.machine;

import dev.kraft.machine.network.LinkCommands;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Plat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The life of machines: create, start, pause, stop, remove, and what state each is really in.
 * A record that says "running" is checked against its driver (for QEMU, the process's PID and
 * start time), so a hypervisor killed from outside shows as exited, with its exit status when
 * the supervisor recorded one.
 */
public final class MachineService {
    private static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(2);
    private final MachineStore store;
    private final Function<Plat, MachineDriver> drivers;
    private final LinkCommands links;
    private final Clock clock;

    public MachineService(MachineStore store, Function<Plat, MachineDriver> drivers, LinkCommands links, Clock clock) {
        this.store = store;
        this.drivers = drivers;
        this.links = links;
        this.clock = clock;
    }

    public MachineStore store() {
        return store;
    }

    public MachineRecord create(Optional<String> name, BiFunction<String, MachinePaths, MachineSpec> spec) {
        return store.create(name.map(MachineNames::check), spec, clock.millis());
    }

    /** Starts the machine, creating its TAP devices on their bridges first. */
    public MachineRecord start(MachineRecord machine) {
        for (NetworkAttachment network : machine.networks()) {
            if (!links.exists(network.tap())) {
                links.createTap(network.tap(), network.bridge());
            }
        }
        MachineDriver.Started started;
        try {
            started = driver(machine).start(machine.spec(), store.paths(machine));
        } catch (RuntimeException e) {
            removeTaps(machine);
            throw e;
        }
        MachineRecord running = machine.running(started.pid(), started.pidStartMillis(), clock.millis(), started.command());
        store.save(running);
        return running;
    }

    /** The machine as it really is now; the record is updated when it was out of date. */
    public MachineRecord refresh(MachineRecord machine) {
        if (!machine.active() || running(machine)) {
            return machine;
        }
        Optional<Integer> status = driver(machine).exitStatus(store.paths(machine));
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
        return driver(machine).running(machine, store.paths(machine));
    }

    /** Waits for the machine to end and records how it ended. */
    public GuestExit awaitExit(MachineRecord machine) throws InterruptedException {
        while (running(machine)) {
            Thread.sleep(10);
        }
        Optional<Integer> status = awaitExitStatus(machine);
        GuestExit exit = status.map(GuestExit::fromHypervisor)
                .orElse(driver(machine).reportsExitStatus() ? GuestExit.fromHypervisor(1) : GuestExit.UNKNOWN);
        store.save(store.find(machine.id()).exited(exit.code(), clock.millis()));
        return exit;
    }

    /** Stops a machine; stopping one that is not running does nothing (docker's behaviour). */
    public MachineRecord stop(MachineRecord machine, Duration timeout) throws InterruptedException {
        MachineRecord current = refresh(machine);
        if (!current.active()) {
            return current;
        }
        driver(current).stop(current, store.paths(current), timeout);
        Optional<Integer> status = awaitExitStatus(current);
        MachineRecord exited = current.exited(status.map(s -> GuestExit.fromHypervisor(s).code()).orElse(null), clock.millis());
        store.save(exited);
        return exited;
    }

    public MachineRecord pause(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        if (current.state() != MachineState.RUNNING) {
            throw new KraftException(ExitCode.STATE, "cannot pause " + current.name() + ": it is " + current.state().label());
        }
        driver(current).pause(current, store.paths(current));
        MachineRecord paused = current.withState(MachineState.PAUSED);
        store.save(paused);
        return paused;
    }

    public MachineRecord resume(MachineRecord machine) {
        MachineRecord current = refresh(machine);
        driver(current).resume(current, store.paths(current));
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
            driver(current).stop(current, store.paths(current), Duration.ofSeconds(5));
        }
        removeTaps(current);
        store.remove(current);
    }

    public MachinePaths paths(MachineRecord machine) {
        return store.paths(machine);
    }

    private void removeTaps(MachineRecord machine) {
        for (NetworkAttachment network : machine.networks()) {
            if (links.exists(network.tap())) {
                links.delete(network.tap());
            }
        }
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
        return drivers.apply(Plat.parse(machine.plat()).orElseThrow());
    }
}
