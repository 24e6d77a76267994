package dev.kraft.builder.make;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MakeInvocationTest {
    private final MakeInvocation build =
            new MakeInvocation(Path.of("/core"), Map.of("O", "/p/build"), "all", Optional.of(2));

    @Test
    void aFileVariableIsReadByMakeAndKeptAcrossGoals() {
        MakeInvocation trimmed = build.withFileVariable("LIBMUSL_SRCS-y", Path.of("/p/build/.kraft/k.musl-sources"));
        List<String> expected = List.of(
                "make",
                "-C",
                "/core",
                "--no-print-directory",
                "O=/p/build",
                "LIBMUSL_SRCS-y=$(file </p/build/.kraft/k.musl-sources)",
                "all",
                "-j2");
        assertEquals(expected, trimmed.argv());
        assertEquals(
                "LIBMUSL_SRCS-y=$(file </p/build/.kraft/k.musl-sources)",
                trimmed.withGoal("print-srcs", Optional.empty()).argv().get(5));
    }

    @Test
    void aFileMakeCouldMisreadIsRefused() {
        for (String path : List.of("/p/a b/list", "/p/$(shell id)/list", "/p/(x)/list")) {
            assertThrows(KraftException.class, () -> build.withFileVariable("X", Path.of(path)), path);
        }
    }
}
