package dev.kraft.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kraft.support.ProcessIdentity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ps's STATUS as docker words it: Up 5 seconds, Exited (0) 3 seconds ago, singular units. */
class MachineFormatsTest {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    @Test
    void durationsAsDockerSaysThem() {
        assertEquals("Less than a second", MachineFormats.humanDuration(400));
        assertEquals("1 second", MachineFormats.humanDuration(SECOND));
        assertEquals("5 seconds", MachineFormats.humanDuration(5 * SECOND));
        assertEquals("About a minute", MachineFormats.humanDuration(MINUTE + 10 * SECOND));
        assertEquals("3 minutes", MachineFormats.humanDuration(3 * MINUTE));
        assertEquals("About an hour", MachineFormats.humanDuration(HOUR));
        assertEquals("5 hours", MachineFormats.humanDuration(5 * HOUR));
        assertEquals("3 days", MachineFormats.humanDuration(72 * HOUR));
    }

    @Test
    void statusesAsDockerSaysThem() {
        long start = 1_000_000;
        MachineStatus running = MachineStatus.created(start).running(new ProcessIdentity(42, 7), start, List.of());
        assertEquals("Up 1 second", MachineFormats.status(running, start + SECOND));
        assertEquals("Up 5 seconds (Paused)", MachineFormats.status(running.paused(true), start + 5 * SECOND));
        MachineStatus exited = running.ended(MachineState.EXITED, Optional.of(0), Optional.empty(), start + 2 * SECOND);
        assertEquals("Exited (0) 3 seconds ago", MachineFormats.status(exited, start + 5 * SECOND));
        assertEquals("Exited (0) 1 second ago", MachineFormats.status(exited, start + 3 * SECOND));
        assertEquals("Created", MachineFormats.status(MachineStatus.created(start), start));
    }
}
