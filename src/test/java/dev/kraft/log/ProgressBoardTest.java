package dev.kraft.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress board on a clock of the test's own: lines every few seconds, or one live line that fits the terminal. */
class ProgressBoardTest {
    private static final long SECOND = 1_000_000_000L;
    private long now;
    private final List<String> said = new ArrayList<>();

    private final ProgressBoard.Output output = new ProgressBoard.Output() {
        @Override
        public void line(ProgressText.Snapshot snapshot) {
            said.add("line " + ProgressText.line(snapshot));
        }

        @Override
        public void live(ProgressText.Snapshot snapshot) {
            said.add("live " + ProgressText.live(snapshot, 80));
        }

        @Override
        public void clearLive() {
            said.add("clear");
        }

        @Override
        public void detail(String line) {
            said.add("detail " + line);
        }
    };

    private void at(ProgressBoard board, long seconds) {
        now = seconds * SECOND;
        board.tick();
    }

    @Test
    void basicOutputWritesALineEveryFiveSecondsAndNothingForWorkThatEndsSooner() {
        ProgressBoard board = new ProgressBoard(false, output, () -> now, false);
        try (Progress quick = board.start("configuring hello", Progress.Unit.FILES)) {
            at(board, 4);
        }
        Progress compiling = board.start("compiling hello", Progress.Unit.FILES);
        compiling.update(3, 10);
        compiling.detail("  CC      libhello: main.o");
        at(board, 8);
        at(board, 9);
        compiling.update(7, 10);
        at(board, 13);
        at(board, 14);
        compiling.close();
        at(board, 30);
        assertEquals(
                List.of(
                        "detail   CC      libhello: main.o",
                        "line compiling hello: 3 of 10 files (30%), 5 s",
                        "line compiling hello: 7 of 10 files (70%), 10 s"),
                said);
    }

    @Test
    void aDownloadSaysItsBytesAndRate() {
        ProgressBoard board = new ProgressBoard(false, output, () -> now, false);
        try (Progress download = board.start("downloading lib/musl 1.2.3", Progress.Unit.BYTES)) {
            download.update(2 * 1024 * 1024, 8 * 1024 * 1024);
            at(board, 5);
        }
        assertEquals(List.of("line downloading lib/musl 1.2.3: 2.0MiB of 8.0MiB (25%), 409.6KiB/s"), said);
    }

    @Test
    void fancyOutputRedrawsOneLineWithinTheWidthAndTakesItAwayAtTheEnd() {
        ProgressBoard board = new ProgressBoard(true, output, () -> now, false);
        Progress compiling = board.start("compiling hello", Progress.Unit.FILES);
        compiling.update(5, 20);
        at(board, 1);
        compiling.close();
        assertEquals(2, said.size(), said::toString);
        assertEquals(
                "live compiling hello [" + "=".repeat(9) + ">" + " ".repeat(26) + "] 5 of 20 files (25%), 1 s",
                said.get(0));
        assertEquals("clear", said.get(1));
    }

    @Test
    void aLiveLineNeverPassesTheTerminalsWidth() {
        ProgressText.Snapshot s = new ProgressText.Snapshot(
                "compiling a-project-with-a-long-name",
                Progress.Unit.FILES,
                120,
                1234,
                0,
                35 * SECOND,
                "CC      libmusl: a/very/long/path/of/a/source/file.o");
        for (int columns : new int[] {20, 40, 60, 80, 200}) {
            String line = ProgressText.live(s, columns);
            assertTrue(line.length() <= columns - 1, columns + ": " + line);
        }
        assertTrue(ProgressText.live(s, 200).contains("[===>"), ProgressText.live(s, 200));
        assertEquals("compiling a-project-with-a-long-name: 120 of 1234 files (9%), 35 s", ProgressText.line(s));
        assertEquals("2 min 3 s", ProgressText.duration(123 * SECOND));
    }
}
