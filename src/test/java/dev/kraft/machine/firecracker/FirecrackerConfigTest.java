package dev.kraft.machine.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.machine.KernelCommandLine;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.PortMapping;
import dev.kraft.machine.network.NetworkAttachment;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden tests of what kraft sends to Firecracker's API: no Firecracker (nor KVM) needed. */
class FirecrackerConfigTest {
    private static final Path KERNEL = Path.of("/p/.unikraft/build/hello_fc-x86_64");

    private static MachineSpec spec(
            Optional<Path> initrd,
            List<String> appArgs,
            List<PortMapping> ports,
            List<NetworkAttachment> networks,
            List<MachineSpec.Volume> volumes,
            boolean emulation) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/");
        env.put("MODE", "a b");
        return new MachineSpec(
                "web",
                "project://hello:fc/x86_64",
                KERNEL,
                initrd,
                true,
                Arch.X86_64,
                Plat.FC,
                128L * 1024 * 1024,
                2,
                List.of("loglevel=3"),
                appArgs,
                env,
                ports,
                networks,
                volumes,
                emulation,
                false);
    }

    private static MachineSpec plain() {
        return new MachineSpec(
                "web",
                "kernel://k",
                KERNEL,
                Optional.empty(),
                true,
                Arch.X86_64,
                Plat.FC,
                64L * 1024 * 1024,
                1,
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                false);
    }

    @Test
    void bootsWithInitrdNetworkEnvironmentAndArguments() {
        NetworkAttachment net =
                new NetworkAttachment("kraft0", "kraft0", "kt0123456789a0", "172.20.0.2", 24, "172.20.0.1");
        List<FirecrackerConfig.Request> requests = FirecrackerConfig.boot(spec(
                Optional.of(Path.of("/p/initrd.cpio")),
                List.of("-c", "my file"),
                List.of(),
                List.of(net),
                List.of(),
                false));
        assertEquals(
                List.of(
                        new FirecrackerConfig.Request(
                                "PUT", "/machine-config", "{\"vcpu_count\":2,\"mem_size_mib\":128}"),
                        new FirecrackerConfig.Request(
                                "PUT",
                                "/boot-source",
                                "{\"kernel_image_path\":\"/p/.unikraft/build/hello_fc-x86_64\","
                                        + "\"initrd_path\":\"/p/initrd.cpio\",\"boot_args\":\"hello_fc-x86_64 loglevel=3"
                                        + " netdev.ip=172.20.0.2/24:172.20.0.1:::: vfs.fstab=[ \\\"initrd0:/:extract:::\\\" ]"
                                        + " env.vars=[ \\\"HOME=/\\\" \\\"MODE=a b\\\" ] -- -c \\\"my file\\\"\"}"),
                        new FirecrackerConfig.Request(
                                "PUT",
                                "/network-interfaces/net0",
                                "{\"iface_id\":\"net0\",\"guest_mac\":\"" + KernelCommandLine.mac("web", 0)
                                        + "\",\"host_dev_name\":\"kt0123456789a0\"}"),
                        new FirecrackerConfig.Request("PUT", "/actions", "{\"action_type\":\"InstanceStart\"}")),
                requests);
    }

    @Test
    void bootArgsAreTheKernelNameAloneWhenThereIsNothingElse() {
        assertEquals(
                List.of(
                        new FirecrackerConfig.Request(
                                "PUT", "/machine-config", "{\"vcpu_count\":1,\"mem_size_mib\":64}"),
                        new FirecrackerConfig.Request(
                                "PUT",
                                "/boot-source",
                                "{\"kernel_image_path\":\"/p/.unikraft/build/hello_fc-x86_64\",\"boot_args\":\"hello_fc-x86_64\"}"),
                        new FirecrackerConfig.Request("PUT", "/actions", "{\"action_type\":\"InstanceStart\"}")),
                FirecrackerConfig.boot(plain()));
    }

    @Test
    void pauseAndResumePatchTheVm() {
        assertEquals(
                new FirecrackerConfig.Request("PATCH", "/vm", "{\"state\":\"Paused\"}"), FirecrackerConfig.state(true));
        assertEquals(
                new FirecrackerConfig.Request("PATCH", "/vm", "{\"state\":\"Resumed\"}"),
                FirecrackerConfig.state(false));
    }

    @Test
    void refusesPortsVolumesAndEmulationNamingTheInput() {
        assertRefused(
                spec(Optional.empty(), List.of(), List.of(PortMapping.parse("8080:80")), List.of(), List.of(), false),
                Input.PORT,
                "0.0.0.0:8080:80/tcp",
                "Firecracker cannot publish ports",
                "network");
        assertRefused(
                spec(
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new MachineSpec.Volume(Path.of("/data"), "/srv", false)),
                        false),
                Input.VOLUME,
                "/data:/srv",
                "Firecracker",
                "root file system");
        assertRefused(
                spec(Optional.empty(), List.of(), List.of(), List.of(), List.of(), true),
                Input.EMULATION,
                "",
                "Firecracker",
                "KVM");
        FirecrackerConfig.check(plain());
    }

    private static void assertRefused(MachineSpec spec, Input input, String value, String start, String hint) {
        KraftException e = assertThrows(KraftException.class, () -> FirecrackerConfig.check(spec));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(Optional.of(input), e.input());
        assertEquals(value, e.value());
        assertTrue(e.getMessage().startsWith(start) && e.getMessage().contains(hint), e.getMessage());
    }
}
