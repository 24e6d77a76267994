package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.machine.Attachment;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineService;
import dev.kraft.machine.VmFault;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Machines in the foreground, as {@code kraft run} and {@code kraft start} attach them: their
 * consoles on stdout (each line prefixed as asked, by name when several), Ctrl-C stops them,
 * {@code --rm} removes them when they end, and a machine's end becomes kraft's exit code (the
 * guest's own code, or why the guest or its hypervisor failed).
 */
final class Foreground {
    private static final Duration INTERRUPT_STOP_TIMEOUT = Duration.ofSeconds(5);
    private final Supplier<Attachment> attachment;
    private final Supplier<Console> console;
    private final Interrupts interrupts;

    /** How to attach: each line's prefix per machine, removal when it ends, the firmware's preamble shown. */
    record Options(Function<MachineRecord, String> prefix, boolean remove, boolean firmware) {}

    Foreground(Supplier<Attachment> attachment, Supplier<Console> console, Interrupts interrupts) {
        this.attachment = attachment;
        this.console = console;
        this.interrupts = interrupts;
    }

    /** Follows the machines until all have ended; the exit code of the first that did not end cleanly, else 0. */
    int attach(MachineService machines, List<MachineRecord> started, Options options) throws InterruptedException {
        AtomicBoolean interrupted = new AtomicBoolean();
        interrupts.onInterrupt(() -> interrupted.set(true));
        if (started.size() == 1) {
            return attach(machines, started.get(0), options, interrupted);
        }
        ExecutorService threads = Executors.newFixedThreadPool(started.size());
        try {
            List<Future<Integer>> endings = new ArrayList<>();
            for (MachineRecord machine : started) {
                endings.add(threads.submit(() -> attach(machines, machine, options, interrupted)));
            }
            int code = 0;
            KraftException first = null;
            for (Future<Integer> ending : endings) {
                try {
                    int exit = ending.get();
                    code = code == 0 ? exit : code;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof KraftException failure)) {
                        throw new IllegalStateException(e.getCause());
                    }
                    if (first != null) {
                        console.get().error(Flags.message(failure));
                    }
                    first = first == null ? failure : first;
                }
            }
            if (first != null) {
                throw first;
            }
            return code;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Streams one console until the machine ends; an interrupt stops it. */
    private int attach(MachineService machines, MachineRecord machine, Options options, AtomicBoolean interrupted)
            throws InterruptedException {
        String prefix = options.prefix().apply(machine);
        Console out = console.get();
        Optional<Attachment.Ending> ending = attachment
                .get()
                .follow(machine, line -> out.out().println(prefix + line), interrupted::get, options.firmware());
        if (ending.isEmpty()) {
            machines.stop(machine, INTERRUPT_STOP_TIMEOUT);
            removeIfAsked(machines, machine, options);
            out.info("stopped " + machine.name());
            return ExitCode.INTERRUPTED.code();
        }
        removeIfAsked(machines, machine, options);
        Optional<VmFault> fault = ending.get().fault();
        if (fault.isPresent()) {
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED,
                    fault.get().message()
                            + (fault.get().accelerator()
                                    ? "; run it under TCG emulation with -W, or set disable_acceleration: true in config.yaml"
                                            + " (KRAFTKIT_DISABLE_ACCELERATION=1) to do so for every machine"
                                    : ""));
        }
        return switch (ending.get().exit().kind()) {
            case CLEAN -> 0;
            case CRASHED ->
                throw new KraftException(
                        ExitCode.GUEST_CRASHED,
                        "the guest crashed (Unikraft reported a crash); its console is above"
                                + (options.remove() ? "" : " and in kraft logs " + machine.name()));
            case HYPERVISOR_FAILED -> throw ending.get().hypervisorFailure();
            case UNKNOWN -> {
                out.info("the " + machine.plat() + " driver does not report how the guest ended");
                yield 0;
            }
            default -> ending.get().exit().code();
        };
    }

    private static void removeIfAsked(MachineService machines, MachineRecord machine, Options options)
            throws InterruptedException {
        if (options.remove()) {
            machines.remove(machines.find(machine.id()), true);
        }
    }
}
