package dev.kraft.machine.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden tests of the QEMU command line: no QEMU needed. */
class QemuArgsTest {
    private static final MachinePaths PATHS = new MachinePaths(Path.of("/run/m/abc"));

    private static MachineSpec spec(List<PortMapping> ports, List<MachineSpec.Volume> volumes, Optional<Path> initrd) {
        return spec(ports, List.of(), volumes, initrd);
    }

    private static MachineSpec spec(
            List<PortMapping> ports,
            List<NetworkAttachment> networks,
            List<MachineSpec.Volume> volumes,
            Optional<Path> initrd) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/");
        env.put("MODE", "a b");
        return new MachineSpec(
                "web",
                "project://hello:qemu/x86_64",
                Path.of("/p/.unikraft/build/hello_qemu-x86_64"),
                initrd,
                true,
                Arch.X86_64,
                Plat.QEMU,
                128L * 1024 * 1024,
                2,
                List.of("netdev.ip=10.0.2.15/24"),
                List.of("-c", "my file"),
                env,
                ports,
                networks,
                volumes,
                true,
                false);
    }

    @Test
    void tcgMachineWithPortsVolumeAndInitrd() {
        List<String> argv = QemuArgs.build(
                spec(
                        List.of(PortMapping.parse("8080:80"), PortMapping.parse("0.0.0.0:5353:53/udp")),
                        List.of(new MachineSpec.Volume(Path.of("/data,x"), "/data", true)),
                        Optional.of(Path.of("/p/initrd.cpio"))),
                new QemuHost("/usr/bin/qemu-system-x86_64", false, new int[] {7, 2, 22}),
                PATHS);
        assertEquals(
                List.of(
                        "/usr/bin/qemu-system-x86_64",
                        "-name",
                        "web",
                        "-machine",
                        "pc",
                        "-cpu",
                        "max",
                        "-m",
                        "size=128M",
                        "-smp",
                        "cpus=2",
                        "-nodefaults",
                        "-no-user-config",
                        "-no-reboot",
                        "-display",
                        "none",
                        "-serial",
                        "file:machine.log",
                        "-pidfile",
                        "/run/m/abc/qemu.pid",
                        "-qmp",
                        "unix:qmp.sock,server=on,wait=off",
                        "-device",
                        "isa-debug-exit,iobase=0x501,iosize=2",
                        "-kernel",
                        "/p/.unikraft/build/hello_qemu-x86_64",
                        "-initrd",
                        "/p/initrd.cpio",
                        "-netdev",
                        "user,id=net0,hostfwd=tcp:0.0.0.0:8080-:80,hostfwd=udp:0.0.0.0:5353-:53",
                        "-device",
                        "virtio-net-pci,netdev=net0,mac=" + KernelCommandLine.mac("web", 0),
                        "-fsdev",
                        "local,id=fsdev0,path=/data,,x,security_model=passthrough,readonly=on",
                        "-device",
                        "virtio-9p-pci,fsdev=fsdev0,mount_tag=fs0",
                        "-append",
                        "netdev.ip=10.0.2.15/24 vfs.fstab=[ \"initrd0:/:extract:::\" \"fs0:/data:9pfs:::mkmp\" ]"
                                + " env.vars=[ \"HOME=/\" \"MODE=a b\" ] -- -c \"my file\""),
                argv);
    }

    @Test
    void kvmUsesTheHostCpu() {
        List<String> argv = QemuArgs.build(
                spec(List.of(), List.of(), Optional.empty()),
                new QemuHost("qemu-system-x86_64", true, new int[] {8, 2, 0}),
                PATHS);
        assertEquals("pc,accel=kvm", argv.get(argv.indexOf("-machine") + 1));
        assertEquals("host,+x2apic,-pmu,-arch-capabilities", argv.get(argv.indexOf("-cpu") + 1));
        assertEquals(-1, argv.indexOf("-netdev"), "no NIC without published ports");
    }

    @Test
    void aContainersConsoleIsQemusStdout() {
        List<String> argv = QemuArgs.build(
                spec(List.of(), List.of(), Optional.empty()),
                new QemuHost("qemu-system-x86_64", false, new int[] {7, 2, 0}),
                PATHS,
                true);
        assertEquals("stdio", argv.get(argv.indexOf("-serial") + 1));
        assertTrue(argv.contains("unix:qmp.sock,server=on,wait=off"), "QMP still says how the guest is");
    }

    @Test
    void networksComeFirstThenPortsAndNetdevIpLeadsTheKernelParameters() {
        NetworkAttachment net =
                new NetworkAttachment("kraft0", "kraft0", "kt0123456789a0", "172.20.0.2", 24, "172.20.0.1");
        List<String> argv = QemuArgs.build(
                spec(List.of(PortMapping.parse("8080:80")), List.of(net), List.of(), Optional.empty()),
                new QemuHost("qemu-system-x86_64", false, new int[] {7, 2, 0}),
                PATHS);
        int tap = argv.indexOf("tap,id=tap0,ifname=kt0123456789a0,script=no,downscript=no");
        int user = argv.indexOf("user,id=net0,hostfwd=tcp:0.0.0.0:8080-:80");
        assertEquals(true, tap > 0 && user > tap, argv::toString);
        assertEquals("virtio-net-pci,netdev=net0,mac=" + KernelCommandLine.mac("web", 1), argv.get(user + 2));
        assertEquals(
                "netdev.ip=10.0.2.15/24 netdev.ip=172.20.0.2/24:172.20.0.1:::: env.vars=[ \"HOME=/\" \"MODE=a b\" ] -- -c \"my file\"",
                argv.get(argv.size() - 1));
    }

    @Test
    void comparesVersions() {
        QemuHost host = new QemuHost("q", false, new int[] {8, 1, 2});
        assertEquals(false, host.versionAtLeast(8, 1, 3));
        assertEquals(true, host.versionAtLeast(8, 0, 9));
    }
}
