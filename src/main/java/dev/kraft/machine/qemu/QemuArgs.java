package dev.kraft.machine.qemu;

import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.Quantity;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.unikraft.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line for a machine: a pure function, so it is tested without QEMU. The shape
 * follows KraftKit's (reference §6.2) with its faults fixed: networks (TAP) first, then all
 * published ports on one NIC,
 * the guest's exit status comes back through isa-debug-exit, every value that reaches a
 * QEMU option has its commas doubled (QEMU splits option values on single commas), and the
 * machine's own files are named relative to the directory QEMU runs in.
 */
public final class QemuArgs {
    /**
     * KraftKit's KVM CPU, without IA32_ARCH_CAPABILITIES: nested KVM hosts refuse to set that
     * MSR and QEMU aborts ("failed to set MSR 0x10a").
     */
    static final String KVM_CPU = "host,+x2apic,-pmu,-arch-capabilities";

    private QemuArgs() {}

    public static List<String> build(MachineSpec spec, QemuHost host, MachinePaths paths) {
        return build(spec, host, paths, false);
    }

    /** @param serialOnStdout the console on QEMU's stdout (an OCI container's), not in the machine's serial log */
    public static List<String> build(MachineSpec spec, QemuHost host, MachinePaths paths, boolean serialOnStdout) {
        List<String> argv = new ArrayList<>();
        argv.add(host.binary());
        argv.addAll(List.of("-name", escape(spec.name())));
        boolean x86 = spec.arch() == Arch.X86_64;
        if (x86) {
            argv.addAll(List.of("-machine", host.kvm() ? "pc,accel=kvm" : "pc"));
            argv.addAll(List.of("-cpu", host.kvm() ? KVM_CPU : "max"));
        } else {
            argv.addAll(List.of("-machine", host.kvm() ? "virt,accel=kvm" : "virt", "-cpu", "max"));
        }
        argv.addAll(List.of("-m", "size=" + Quantity.mebibytes(spec.memoryBytes()) + "M"));
        argv.addAll(List.of("-smp", "cpus=" + spec.cpus()));
        argv.addAll(List.of("-nodefaults", "-no-user-config", "-no-reboot", "-display", "none"));
        argv.addAll(List.of("-serial", serialOnStdout ? "stdio" : "file:" + inMachineDir(paths, paths.serialLog())));
        // The one absolute path QEMU gets: -pidfile takes it literally, and it names the machine's
        // directory in QEMU's command line, by which the Supervisor knows the process for its own.
        argv.addAll(List.of("-pidfile", pidFile(paths).toString()));
        argv.addAll(List.of("-qmp", "unix:" + inMachineDir(paths, paths.qmpSocket()) + ",server=on,wait=off"));
        if (x86) {
            argv.addAll(List.of("-device", "isa-debug-exit,iobase=0x501,iosize=2"));
        }
        argv.addAll(List.of("-kernel", spec.kernel().toString()));
        spec.initrd()
                .ifPresent(initrd -> argv.addAll(List.of(
                        "-initrd", initrd.startsWith(paths.dir()) ? inMachineDir(paths, initrd) : initrd.toString())));
        int nic = 0;
        for (NetworkAttachment network : spec.networks()) {
            argv.addAll(
                    List.of("-netdev", "tap,id=tap" + nic + ",ifname=" + network.tap() + ",script=no,downscript=no"));
            argv.addAll(List.of(
                    "-device", "virtio-net-pci,netdev=tap" + nic + ",mac=" + KernelCommandLine.mac(spec.name(), nic)));
            nic++;
        }
        if (!spec.ports().isEmpty()) {
            argv.addAll(List.of("-netdev", userNetwork(spec.ports())));
            argv.addAll(
                    List.of("-device", "virtio-net-pci,netdev=net0,mac=" + KernelCommandLine.mac(spec.name(), nic)));
        }
        for (int i = 0; i < spec.volumes().size(); i++) {
            MachineSpec.Volume volume = spec.volumes().get(i);
            argv.addAll(List.of(
                    "-fsdev",
                    "local,id=fsdev" + i + ",path=" + escape(volume.hostPath().toString())
                            + ",security_model=passthrough" + (volume.readOnly() ? ",readonly=on" : "")));
            argv.addAll(List.of("-device", "virtio-9p-pci,fsdev=fsdev" + i + ",mount_tag=fs" + i));
        }
        String append = KernelCommandLine.of(spec);
        if (!append.isEmpty()) {
            argv.addAll(List.of("-append", append));
        }
        return List.copyOf(argv);
    }

    /** One user-mode NIC carrying every published port, so all of them work (KraftKit #1959). */
    private static String userNetwork(List<PortMapping> ports) {
        StringBuilder netdev = new StringBuilder("user,id=net0");
        for (PortMapping port : ports) {
            netdev.append(",hostfwd=")
                    .append(port.protocol())
                    .append(':')
                    .append(port.hostIp())
                    .append(':')
                    .append(port.hostPort())
                    .append("-:")
                    .append(port.guestPort());
        }
        return netdev.toString();
    }

    /** Where QEMU writes its PID ({@code -pidfile}), in the machine's directory. */
    static Path pidFile(MachinePaths paths) {
        return paths.dir().resolve("qemu.pid");
    }

    /** QEMU reads {@code ,,} as a literal comma inside an option value. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }

    /**
     * A file of the machine by its name alone: QEMU runs in the machine's directory
     * ({@link dev.kraft.machine.Supervisor}), so the data directory's path, which may hold a
     * comma or a space, never reaches an option. It has to stay out: {@code -serial file:}
     * takes its value literally (a doubled comma would be two), {@code -qmp unix:} splits on
     * commas, and x86's multiboot reads {@code -initrd a,b} as two modules and {@code a b} as a
     * module with arguments (the machine's initrd is its own copy in that directory).
     */
    private static String inMachineDir(MachinePaths paths, Path file) {
        return paths.dir().relativize(file).toString();
    }
}
