package dev.kraft.machine.qemu;

import java.util.function.Supplier;

/**
 * What the host offers QEMU: the binary, whether KVM is usable, and QEMU's version (some guest
 * features depend on it). The version costs a run of {@code qemu --version}, tens of
 * milliseconds before every boot, so it is asked only when a check needs it, and once.
 */
public final class QemuHost {
    private final String binary;
    private final boolean kvm;
    private final Supplier<int[]> versionProbe;
    private int[] version;

    public QemuHost(String binary, boolean kvm, Supplier<int[]> versionProbe) {
        this.binary = binary;
        this.kvm = kvm;
        this.versionProbe = versionProbe;
    }

    /** A host whose version is already known. */
    public QemuHost(String binary, boolean kvm, int[] version) {
        this(binary, kvm, () -> version);
    }

    public String binary() {
        return binary;
    }

    public boolean kvm() {
        return kvm;
    }

    public boolean versionAtLeast(int major, int minor, int micro) {
        int[] have = version();
        int[] wanted = {major, minor, micro};
        for (int i = 0; i < 3; i++) {
            int part = i < have.length ? have[i] : 0;
            if (part != wanted[i]) {
                return part > wanted[i];
            }
        }
        return true;
    }

    public String versionText() {
        StringBuilder text = new StringBuilder();
        for (int part : version()) {
            text.append(text.length() == 0 ? "" : ".").append(part);
        }
        return text.toString();
    }

    private int[] version() {
        if (version == null) {
            version = versionProbe.get();
        }
        return version;
    }
}
