package dev.kraft.machine.xen;

import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.Quantity;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;

/**
 * The {@code xl} domain configuration of a machine, a pure function of its spec so it is tested
 * against golden files without Xen (which cannot run on our machines). Unikraft's Xen kernels
 * boot as PVH guests; the kernel command line goes in {@code extra}.
 */
public final class XlConfig {
    private XlConfig() {}

    /** Refuses what kraft cannot give a Xen domain, naming the input that asked for it. */
    public static void check(MachineSpec spec) {
        if (!spec.ports().isEmpty()) {
            throw usage(
                    Input.PORT,
                    spec.ports().get(0).spec(),
                    "the Xen driver cannot publish ports; give the domain a"
                            + " network in your Xen set-up, or use the qemu platform");
        }
        if (!spec.networks().isEmpty()) {
            throw usage(
                    Input.NETWORK,
                    spec.networks().get(0).network(),
                    "the Xen driver cannot attach kraft networks"
                            + " (Xen makes its own vif devices); use the qemu or fc platform");
        }
        if (!spec.volumes().isEmpty()) {
            throw usage(
                    Input.VOLUME,
                    spec.volumes().get(0).hostPath() + ":"
                            + spec.volumes().get(0).guestPath(),
                    "the Xen driver cannot share host directories; put the files in the root file system, or use the qemu platform");
        }
        if (spec.emulation()) {
            throw usage(Input.EMULATION, "", "Xen runs guests on the hypervisor and has no emulation to choose");
        }
    }

    public static String render(MachineSpec spec) {
        StringBuilder cfg =
                new StringBuilder("# Written by kraft for machine " + spec.name() + "; read by xl create.\n");
        string(cfg, "name", spec.name());
        string(cfg, "type", "pvh");
        string(cfg, "kernel", spec.kernel().toString());
        spec.initrd().ifPresent(initrd -> string(cfg, "ramdisk", initrd.toString()));
        cfg.append("memory = ").append(Quantity.mebibytes(spec.memoryBytes())).append('\n');
        cfg.append("vcpus = ").append(spec.cpus()).append('\n');
        string(cfg, "on_crash", "destroy");
        // A reboot ends the domain, as QEMU's -no-reboot does: a unikernel that reboots has ended.
        string(cfg, "on_reboot", "destroy");
        string(cfg, "extra", KernelCommandLine.of(spec));
        return cfg.toString();
    }

    /**
     * {@code key = "value"} in xl's syntax: backslash and double quote escaped. Control
     * characters are refused: xl's numeric escapes are unreliable and no kernel wants them.
     */
    private static void string(StringBuilder cfg, String key, String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new KraftException(
                    ExitCode.USAGE,
                    key + " for the Xen domain contains a control character: " + value.replaceAll("\\p{Cntrl}", "?"));
        }
        cfg.append(key)
                .append(" = \"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"\n");
    }

    private static KraftException usage(Input input, String value, String message) {
        return new KraftException(ExitCode.USAGE, input, value, message);
    }
}
