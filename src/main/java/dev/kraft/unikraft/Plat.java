package dev.kraft.unikraft;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A platform (hypervisor) a kernel is built for. {@code kvm} and {@code firecracker} are the
 * aliases KraftKit accepts; the canonical names are the ones in kernel file names.
 */
public enum Plat {
    QEMU("qemu", Map.of("CONFIG_PLAT_KVM", "y", "CONFIG_KVM_VMM_QEMU", "y")),
    FC("fc", Map.of("CONFIG_PLAT_KVM", "y", "CONFIG_KVM_VMM_FIRECRACKER", "y")),
    XEN("xen", Map.of("CONFIG_PLAT_XEN", "y"));

    private final String id;
    private final Map<String, String> kconfig;

    Plat(String id, Map<String, String> kconfig) {
        this.id = id;
        this.kconfig = kconfig;
    }

    public String id() {
        return id;
    }

    /** The symbols that select this platform, in a stable order. */
    public Map<String, String> kconfig() {
        return new LinkedHashMap<>(new TreeMap<>(kconfig));
    }

    public static Optional<Plat> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "qemu", "kvm" -> Optional.of(QEMU);
            case "fc", "firecracker" -> Optional.of(FC);
            case "xen" -> Optional.of(XEN);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
