package dev.kraft.machine.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Golden tests of the xl domain configuration: Xen cannot run on our machines, so this is its contract. */
class XlConfigTest {

    private static MachineSpec spec(
            Path kernel,
            Optional<Path> initrd,
            List<String> kernelArgs,
            List<String> appArgs,
            List<PortMapping> ports,
            List<NetworkAttachment> networks) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/");
        return new MachineSpec(
                "web",
                "kernel://hello_xen-x86_64",
                kernel,
                initrd,
                true,
                Arch.X86_64,
                Plat.XEN,
                256L * 1024 * 1024,
                2,
                kernelArgs,
                appArgs,
                env,
                ports,
                networks,
                List.of(),
                false,
                false);
    }

    @Test
    void pvhDomainWithRamdiskAndCommandLine() {
        String cfg = XlConfig.render(spec(
                Path.of("/p/.unikraft/build/hello_xen-x86_64"),
                Optional.of(Path.of("/p/initrd.cpio")),
                List.of("loglevel=3"),
                List.of("-c", "my file"),
                List.of(),
                List.of()));
        assertEquals("""
                # Written by kraft for machine web; read by xl create.
                name = "web"
                type = "pvh"
                kernel = "/p/.unikraft/build/hello_xen-x86_64"
                ramdisk = "/p/initrd.cpio"
                memory = 256
                vcpus = 2
                on_crash = "destroy"
                on_reboot = "destroy"
                extra = "loglevel=3 vfs.fstab=[ \\"initrd0:/:extract:::\\" ] env.vars=[ \\"HOME=/\\" ] -- -c \\"my file\\""
                """, cfg);
    }

    @Test
    void quotesAndBackslashesAreEscapedForXl() {
        String cfg = XlConfig.render(
                spec(Path.of("/odd \"dir\"\\k"), Optional.empty(), List.of("a=\\x"), List.of(), List.of(), List.of()));
        assertTrue(cfg.contains("kernel = \"/odd \\\"dir\\\"\\\\k\"\n"), cfg);
        assertTrue(cfg.contains("extra = \"a=\\\\x env.vars=[ \\\"HOME=/\\\" ] --\"\n"), cfg);
        assertTrue(!cfg.contains("ramdisk"), cfg);
    }

    @Test
    void refusesControlCharactersPortsAndNetworks() {
        KraftException control = assertThrows(
                KraftException.class,
                () -> XlConfig.render(
                        spec(Path.of("/k"), Optional.empty(), List.of("a\nb"), List.of(), List.of(), List.of())));
        assertEquals(ExitCode.USAGE, control.exitCode());
        assertTrue(
                control.getMessage().startsWith("extra for the Xen domain contains a control character: a?b"),
                control.getMessage());
        KraftException ports = assertThrows(
                KraftException.class,
                () -> XlConfig.check(spec(
                        Path.of("/k"),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(PortMapping.parse("8080:80")),
                        List.of())));
        assertEquals(ExitCode.USAGE, ports.exitCode());
        assertEquals(Optional.of(Input.PORT), ports.input());
        assertEquals("0.0.0.0:8080:80/tcp", ports.value());
        NetworkAttachment net = new NetworkAttachment("kraft0", "kraft0", "kt0", "172.20.0.2", 24, "172.20.0.1");
        KraftException networks = assertThrows(
                KraftException.class,
                () -> XlConfig.check(
                        spec(Path.of("/k"), Optional.empty(), List.of(), List.of(), List.of(), List.of(net))));
        assertEquals(Optional.of(Input.NETWORK), networks.input());
        assertEquals("kraft0", networks.value());
    }
}
