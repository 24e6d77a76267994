package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.machine.network.Subnet;
import dev.kraft.support.KraftException;
import org.junit.jupiter.api.Test;

class SubnetTest {
    @Test
    void doesTheAddressArithmetic() {
        Subnet net = Subnet.parse("172.20.3.77/24");
        assertEquals("172.20.3.0/24", net.toString());
        assertEquals("172.20.3.1", net.gateway());
        assertEquals("172.20.3.2", net.host(2));
        assertTrue(net.contains("172.20.3.254"));
        assertTrue(net.overlaps(Subnet.parse("172.20.0.0/16")));
        assertEquals(false, net.overlaps(Subnet.parse("172.20.4.0/24")));
        assertThrows(KraftException.class, () -> net.host(255));
        assertThrows(KraftException.class, () -> Subnet.parse("300.1.1.1/24"));
        assertThrows(KraftException.class, () -> Subnet.parse("10.0.0.0/31"));
    }
}
