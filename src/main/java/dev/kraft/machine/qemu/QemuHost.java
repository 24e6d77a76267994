package dev.kraft.machine.qemu;

/**
 * What the host offers QEMU: the binary, whether KVM is usable, and QEMU's version (some guest
 * features depend on it).
 */
public record QemuHost(String binary, boolean kvm, int[] version) {

    public boolean versionAtLeast(int major, int minor, int micro) {
        int[] wanted = {major, minor, micro};
        for (int i = 0; i < 3; i++) {
            int have = i < version.length ? version[i] : 0;
            if (have != wanted[i]) {
                return have > wanted[i];
            }
        }
        return true;
    }

    public String versionText() {
        StringBuilder text = new StringBuilder();
        for (int part : version) {
            text.append(text.length() == 0 ? "" : ".").append(part);
        }
        return text.toString();
    }
}
