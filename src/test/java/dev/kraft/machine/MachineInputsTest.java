package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineInputsTest {
    @Test
    void parsesPortsTheDockerWay() {
        assertEquals(
                new PortMapping("0.0.0.0", 8080, 80, "tcp"),
                PortMapping.parse("8080:80"),
                "every address, as KraftKit and docker");
        assertEquals(new PortMapping("127.0.0.1", 53, 5353, "udp"), PortMapping.parse("127.0.0.1:53:5353/udp"));
        assertEquals("0.0.0.0:8080->80/tcp", PortMapping.parse("8080:80").toString());
        assertEquals(
                PortMapping.parse("1.2.3.4:1:2/udp"),
                PortMapping.parse(PortMapping.parse("1.2.3.4:1:2/udp").spec()));
        KraftException e = assertThrows(KraftException.class, () -> PortMapping.parse("70000:1"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertThrows(KraftException.class, () -> PortMapping.parse("80"));
        assertThrows(KraftException.class, () -> PortMapping.parse("a,b:80:80"));
        assertThrows(KraftException.class, () -> PortMapping.parse("80:80/sctp"));
    }

    @Test
    void publishesRangesAndFreeHostPortsAsNerdctlDoes() {
        assertEquals(
                List.of(new PortMapping("127.0.0.1", 8080, 80, "tcp"), new PortMapping("127.0.0.1", 8081, 81, "tcp")),
                PortMapping.publish("8080-8081:80-81", "127.0.0.1"));
        assertEquals(
                List.of(new PortMapping("10.0.0.1", 0, 80, "udp")), PortMapping.publish("10.0.0.1::80/udp", "0.0.0.0"));
        PortMapping free = PortMapping.publish("80", "127.0.0.1").get(0).withFreeHostPort();
        assertTrue(free.hostPort() > 0 && free.guestPort() == 80, free::toString);
        assertEquals(
                "the host range and the guest range must have as many ports",
                assertThrows(KraftException.class, () -> PortMapping.publish("8080-8082:80-81", "0.0.0.0"))
                        .getMessage());
        assertEquals(
                "range 90-80 ends before it starts",
                assertThrows(KraftException.class, () -> PortMapping.publish("90-80:80-90", "0.0.0.0"))
                        .getMessage());
    }

    @Test
    void parsesMemoryQuantities() {
        assertEquals(64L << 20, Quantity.parseBytes("64Mi"));
        assertEquals(1_000_000_000L, Quantity.parseBytes("1G"));
        assertEquals(2L << 30, Quantity.parseBytes("2Gi"));
        assertEquals(
                "expected a size such as 64Mi, 512M, 1G or 512m",
                assertThrows(KraftException.class, () -> Quantity.parseBytes("12parsecs"))
                        .getMessage());
        assertThrows(KraftException.class, () -> Quantity.parseBytes("1Ki"));
        assertEquals(512L << 20, Quantity.parseBytes("512m"), "docker's lower case is binary");
        assertEquals(1L << 30, Quantity.parseBytes("1g"));
        assertEquals(512_000_000L, Quantity.parseBytes("512M"), "KraftKit's upper case is decimal");
    }

    @Test
    void mapsHypervisorStatusToGuestExit() {
        assertEquals(new GuestExit(0, GuestExit.Kind.CLEAN), GuestExit.fromHypervisor(83));
        assertEquals(new GuestExit(0, GuestExit.Kind.CLEAN), GuestExit.fromHypervisor(0));
        assertEquals(new GuestExit(42, GuestExit.Kind.CRASHED), GuestExit.fromHypervisor(85));
        assertEquals(
                GuestExit.Kind.HYPERVISOR_FAILED, GuestExit.fromHypervisor(1).kind());
        assertEquals(new GuestExit(16, GuestExit.Kind.OTHER), GuestExit.fromHypervisor(33));
        assertEquals(GuestExit.Kind.KILLED, GuestExit.fromHypervisor(137).kind());
    }
}
