package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script ccache runs the preprocessor through: what it deletes, and what it keeps. */
class PathMacroFilterTest {
    /** A -g3 preprocessor's output: the two path definitions, look-alikes, and a use. */
    private static final String OUTPUT = String.join(
            "\n",
            "# 1 \"include/uk/config.h\"",
            "#define CONFIG_UK_BASE \"/home/a/core\"",
            "#define CONFIG_UK_APP \"/home/a/app\"",
            "#define CONFIG_UK_APPNAME \"app\"",
            "#define CONFIG_UK_BASE_X 1",
            "const char *app = \"/home/a/app\";",
            "");

    private static final String KEPT = String.join(
            "\n",
            "# 1 \"include/uk/config.h\"",
            "#define CONFIG_UK_APPNAME \"app\"",
            "#define CONFIG_UK_BASE_X 1",
            "const char *app = \"/home/a/app\";",
            "");

    @TempDir
    Path dir;

    @Test
    void deletesExactlyThePathDefinitionsFromTheFileNamedByDashO() throws Exception {
        Path out = dir.resolve("cpp_stdout.i");

        int status = run(out, "-c", "printf '%s' \"$0\" > \"$2\"", OUTPUT, "-o", out.toString());

        assertEquals(0, status);
        assertEquals(KEPT, Files.readString(out));
    }

    @Test
    void theConfigHeaderKeyDropsWhatTheScriptDrops() {
        assertEquals(
                KEPT, ConfigHeaderKey.withoutPathMacros(OUTPUT), "direct and preprocessed mode ignore the same lines");
    }

    @Test
    void filtersStandardOutputWhenThereIsNoDashO() throws Exception {
        Path out = dir.resolve("stdout");

        int status = run(out, "-c", "printf '%s' \"$0\"", OUTPUT);

        assertEquals(0, status);
        assertEquals(KEPT, Files.readString(out));
    }

    @Test
    void keepsThePreprocessorsFailure() throws Exception {
        assertEquals(
                3,
                run(
                        dir.resolve("stdout"),
                        "-c",
                        "exit 3",
                        "-o",
                        dir.resolve("none.i").toString()));
        assertEquals(3, run(dir.resolve("stdout"), "-c", "exit 3"));
    }

    @Test
    void installsAnExecutableCopyOnceAndReplacesAnotherVersion() throws Exception {
        Path script = PathMacroFilter.install(dir);
        assertTrue(Files.isExecutable(script));
        assertArrayEquals(PathMacroFilter.script(), Files.readAllBytes(script));

        Files.writeString(script, "#!/bin/sh\nexec \"$@\"\n");
        PathMacroFilter.install(dir);

        assertArrayEquals(PathMacroFilter.script(), Files.readAllBytes(script));
    }

    /** Runs {@code sh args} through the installed script, its standard output to {@code stdout}. */
    private int run(Path stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(PathMacroFilter.install(dir.resolve("bin")).toString(), "sh"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .start()
                .waitFor();
    }
}
