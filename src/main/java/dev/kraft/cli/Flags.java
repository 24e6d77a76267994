package dev.kraft.cli;

import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** How the user gives each {@link Input}: the flag (or setting) a message about it names. */
final class Flags {
    private Flags() {}

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
            case ONLINE -> "--offline (or KRAFTKIT_OFFLINE=1)";
        };
    }

    /**
     * A failure's message as the user reads it: {@code -p 70000:1: port "70000" must be …}.
     *
     * @param cache where kraft keeps what it fetched, named when the network failed
     */
    static String message(KraftException e, Supplier<Path> cache) {
        return message(e, Optional.of(cache));
    }

    /** A failure's message where no cache is at hand to name (the machine commands, which fetch nothing). */
    static String message(KraftException e) {
        return message(e, Optional.empty());
    }

    private static String message(KraftException e, Optional<Supplier<Path>> cache) {
        if (e.input().equals(Optional.of(Input.FORCE))) {
            return e.getMessage() + ", or use " + of(Input.FORCE);
        }
        if (e.input().equals(Optional.of(Input.ONLINE))) {
            return e.getMessage() + "; to work with what is cached"
                    + cache.map(c -> " (under " + c.get() + ")").orElse("") + ", use " + of(Input.ONLINE);
        }
        return e.input()
                        .map(input -> of(input) + (e.value().isEmpty() ? "" : " " + e.value()) + ": ")
                        .orElse("")
                + e.getMessage();
    }
}
