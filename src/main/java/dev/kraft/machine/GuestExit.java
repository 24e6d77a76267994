package dev.kraft.machine;

/**
 * What the hypervisor's exit status says about the guest. Unikraft writes 41 (clean) or 42
 * (crash) to QEMU's isa-debug-exit device, and QEMU exits with {@code (value << 1) | 1}: 83 or
 * 85. 0 is an ACPI power-off; 1 is QEMU's own failure; a signal shows as 128+n.
 */
public record GuestExit(int code, Kind kind) {

    public enum Kind {
        CLEAN,
        CRASHED,
        HYPERVISOR_FAILED,
        KILLED,
        OTHER,
        UNKNOWN
    }

    /** The hypervisor does not say how its guest ended (Xen). */
    public static final GuestExit UNKNOWN = new GuestExit(0, Kind.UNKNOWN);

    public static GuestExit fromHypervisor(int status) {
        return switch (status) {
            case 0, 83 -> new GuestExit(0, Kind.CLEAN);
            case 85 -> new GuestExit(42, Kind.CRASHED);
            case 1 -> new GuestExit(1, Kind.HYPERVISOR_FAILED);
            default ->
                status > 128
                        ? new GuestExit(status, Kind.KILLED)
                        : (status & 1) == 1
                                ? new GuestExit(status >> 1, Kind.OTHER)
                                : new GuestExit(status, Kind.OTHER);
        };
    }

    /**
     * {@link #fromHypervisor}'s codes as a POSIX shell command that exits with the guest's code
     * for the hypervisor status in {@code $variable}: what a process that stands for the guest
     * (an OCI container's init process) exits with. GuestExitTest runs it for every status.
     */
    public static String shellExit(String variable) {
        String v = "$" + variable;
        return "case " + v + " in 83) exit 0;; 0|1) exit " + v + ";; esac; " + "if [ " + v + " -le 128 ] && [ $((" + v
                + " % 2)) -eq 1 ]; then exit $((" + v + " / 2)); fi; exit " + v;
    }
}
