package dev.kraft.cli;

import sun.misc.Signal;

/**
 * Ctrl-C while a machine runs attached: kraft stops the machine itself and exits 130, instead of
 * the JVM dying with the machine left running in its own session.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(Runnable action) {
        Signal.handle(new Signal("INT"), signal -> action.run());
        Signal.handle(new Signal("TERM"), signal -> action.run());
    }
}
