package dev.kraft.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (or SIGTERM) while kraft follows a machine: the command is told, stops the machine
 * itself if it should and exits 130, instead of the JVM dying with the machine left running in
 * its own session. An interface, so a test can interrupt a command without signals.
 */
@FunctionalInterface
interface Interrupts {
    /** The process's SIGINT and SIGTERM. */
    Interrupts SIGNALS = action -> {
        Signal.handle(new Signal("INT"), signal -> action.run());
        Signal.handle(new Signal("TERM"), signal -> action.run());
    };

    void onInterrupt(Runnable action);
}
