package dev.kraft.unikraft;

import java.util.Locale;
import java.util.Optional;

/** A CPU architecture Unikraft builds for, with the Kconfig symbol that selects it. */
public enum Arch {
    X86_64("x86_64", "CONFIG_ARCH_X86_64"),
    ARM64("arm64", "CONFIG_ARCH_ARM_64"),
    ARM("arm", "CONFIG_ARCH_ARM_32");

    private final String id;
    private final String kconfigSymbol;

    Arch(String id, String kconfigSymbol) {
        this.id = id;
        this.kconfigSymbol = kconfigSymbol;
    }

    public String id() {
        return id;
    }

    public String kconfigSymbol() {
        return kconfigSymbol;
    }

    /** Accepts Unikraft's names and the Go/Docker spellings users type out of habit. */
    public static Optional<Arch> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64", "x86-64" -> Optional.of(X86_64);
            case "arm64", "aarch64" -> Optional.of(ARM64);
            case "arm", "arm32" -> Optional.of(ARM);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
