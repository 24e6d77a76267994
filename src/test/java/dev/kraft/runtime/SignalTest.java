package dev.kraft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import org.junit.jupiter.api.Test;

class SignalTest {

    @Test
    void namesAndNumbersAsKillTakesThem() {
        assertEquals(new Signal(15, "TERM"), Signal.parse("15"));
        assertEquals(new Signal(15, "TERM"), Signal.parse("SIGTERM"));
        assertEquals(new Signal(9, "KILL"), Signal.parse("kill"));
        assertEquals(new Signal(28, "WINCH"), Signal.parse("SIGWINCH"));
    }

    @Test
    void anUnknownSignalIsAUsageError() {
        KraftException e = assertThrows(KraftException.class, () -> Signal.parse("SIGNOPE"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("signal SIGNOPE: "), e.getMessage());
        assertThrows(KraftException.class, () -> Signal.parse("0"));
        assertThrows(KraftException.class, () -> Signal.parse("32"));
    }
}
