package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void replacesTheContentKeepsThePermissionsAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("machine.json");
        AtomicFiles.writeString(file, "one");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(file, "two");
        assertEquals("two", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var names = Files.list(tmp)) {
            assertEquals(List.of(file), names.toList());
        }
    }

    @Test
    void aTemporaryNameLeftByAnotherProcessIsSkippedNotTouched() throws Exception {
        long pid = ProcessHandle.current().pid();
        List<Path> stale = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stale.add(Files.writeString(tmp.resolve(".state." + pid + "-" + i + ".tmp"), "someone else's"));
        }
        AtomicFiles.writeString(tmp.resolve("state"), "mine");
        assertEquals("mine", Files.readString(tmp.resolve("state")));
        for (Path path : stale) {
            assertEquals("someone else's", Files.readString(path));
        }
    }
}
