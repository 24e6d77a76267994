package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding sources that name the path macros, where a build compiles from. */
class PathMacroScanTest {
    @TempDir
    Path dir;

    @Test
    void findsAMentionInASourceOrHeader() throws Exception {
        write("app/main.c", "int main(void) { return 0; }\n");
        write("app/include/where.h", "#define WHERE CONFIG_UK_APP\n");

        assertTrue(PathMacroScan.uses(dir.resolve("app"), dir.resolve("app/build")));
    }

    @Test
    void readsNeitherMakefilesNorHiddenDirectoriesNorTheBuildDir() throws Exception {
        write("app/main.c", "int main(void) { return 0; }\n");
        write("app/Makefile.uk", "APP_BASE = $(CONFIG_UK_APP)\n");
        write("app/.unikraft/unikraft/lib.c", "const char *b = CONFIG_UK_BASE;\n");
        write("app/out/include/uk/bits/config.h", "#define CONFIG_UK_APP \"/app\"\n");

        assertFalse(PathMacroScan.uses(dir.resolve("app"), dir.resolve("app/out")));
    }

    private void write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
