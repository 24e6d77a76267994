package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import org.junit.jupiter.api.Test;

class MachineInputsTest {
    @Test
    void parsesPortsTheDockerWay() {
        assertEquals(new PortMapping("127.0.0.1", 8080, 80, "tcp"), PortMapping.parse("8080:80"));
        assertEquals(new PortMapping("0.0.0.0", 53, 5353, "udp"), PortMapping.parse("0.0.0.0:53:5353/udp"));
        assertEquals("127.0.0.1:8080->80/tcp", PortMapping.parse("8080:80").toString());
        assertEquals(PortMapping.parse("1.2.3.4:1:2/udp"), PortMapping.parse(PortMapping.parse("1.2.3.4:1:2/udp").spec()));
        KraftException e = assertThrows(KraftException.class, () -> PortMapping.parse("70000:1"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertThrows(KraftException.class, () -> PortMapping.parse("80"));
        assertThrows(KraftException.class, () -> PortMapping.parse("a,b:80:80"));
        assertThrows(KraftException.class, () -> PortMapping.parse("80:80/sctp"));
    }

    @Test
    void parsesMemoryQuantities() {
        assertEquals(64L << 20, Quantity.parseBytes("64Mi"));
        assertEquals(1_000_000_000L, Quantity.parseBytes("1G"));
        assertEquals(2L << 30, Quantity.parseBytes("2Gi"));
        assertEquals("expected a size such as 64Mi, 512M or 1G",
                assertThrows(KraftException.class, () -> Quantity.parseBytes("12parsecs")).getMessage());
        assertThrows(KraftException.class, () -> Quantity.parseBytes("1Ki"));
    }

    @Test
    void mapsHypervisorStatusToGuestExit() {
        assertEquals(new GuestExit(0, GuestExit.Kind.CLEAN), GuestExit.fromHypervisor(83));
        assertEquals(new GuestExit(0, GuestExit.Kind.CLEAN), GuestExit.fromHypervisor(0));
        assertEquals(new GuestExit(42, GuestExit.Kind.CRASHED), GuestExit.fromHypervisor(85));
        assertEquals(GuestExit.Kind.HYPERVISOR_FAILED, GuestExit.fromHypervisor(1).kind());
        assertEquals(new GuestExit(16, GuestExit.Kind.OTHER), GuestExit.fromHypervisor(33));
        assertEquals(GuestExit.Kind.KILLED, GuestExit.fromHypervisor(137).kind());
    }
}
