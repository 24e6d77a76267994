package dev.kraft.cli;

import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.util.Optional;

/** How the user gives each {@link Input}: the flag (or setting) a message about it names. */
final class Flags {
    private Flags() {
    }

    static String of(Input input) {
        return switch (input) {
            case MACHINE_NAME -> "--name";
            case PORT -> "-p";
            case VOLUME -> "-v";
            case NETWORK -> "--network";
            case MEMORY -> "--memory";
            case CPUS -> "--cpus";
            case EMULATION -> "-W (or disable_acceleration)";
            case ARCH -> "--arch";
            case PLAT -> "--plat";
            case PLATFORM -> "--plat/--arch";
            case ENV -> "-e";
            case ROOTFS -> "rootfs";
            case NO_CONFIGURE -> "--no-configure";
            case STRATEGY -> "--strategy";
            case OFFLINE -> "offline (--offline or KRAFTKIT_OFFLINE)";
            case FORCE -> "-f";
        };
    }

    /** A failure's message as the user reads it: {@code -p 70000:1: port "70000" must be …}. */
    static String message(KraftException e) {
        if (e.input().equals(Optional.of(Input.FORCE))) {
            return e.getMessage() + ", or use " + of(Input.FORCE);
        }
        return e.input().map(input -> of(input) + (e.value().isEmpty() ? "" : " " + e.value()) + ": ").orElse("") + e.getMessage();
    }
}
