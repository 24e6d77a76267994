package dev.kraft.machine.qemu;

import dev.kraft.unikraft.KConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Unikraft 0.17+ with its random source needs RDSEED, which QEMU emulates only from 8.1.3; the
 * kernel would stop at boot, so this is said before booting.
 */
final class Rdseed {
    private Rdseed() {}

    static Optional<String> warning(KConfig kconfig, QemuHost host) {
        Map<String, String> values = kconfig.asMap();
        String version = values.getOrDefault("CONFIG_UK_FULLVERSION", "");
        boolean recent = version.matches("0\\.(1[7-9]|[2-9][0-9]).*") || version.matches("[1-9].*");
        if (!"y".equals(values.get("CONFIG_LIBUKRANDOM")) || !recent || host.kvm() || host.versionAtLeast(8, 1, 3)) {
            return Optional.empty();
        }
        return Optional.of(
                "this kernel (Unikraft " + version + ") needs RDSEED, which QEMU " + host.versionText()
                        + " cannot emulate without KVM: it will stop at boot. Build with CONFIG_LIBUKRANDOM: 'n' or use QEMU 8.1.3 or newer");
    }
}
