package dev.kraft.builder.musl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.KraftException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MuslSourcesTest {
    private static final List<Path> TREES = List.of(Path.of("/p/libs/musl"), Path.of("/p/build/libmusl"));

    @Test
    void takesTheLibrarysSectionWithoutWhatEveryLibraryCompiles() {
        String printed = """
                  LN      Makefile
                libukboot:
                   /core/libreg.c /core/boot.c
                libmusl:
                   /core/libreg.c /p/build/libmusl/origin/musl-1.2.3//src/stdio/puts.c /p/build/libmusl/origin/musl-1.2.3//src/math/x86_64/fabs.c|x86_64 /p/libs/musl/abort.c
                """;
        MuslSources sources = MuslSources.parse(printed, "libmusl", TREES);
        assertEquals(
                List.of(
                        "/p/build/libmusl/origin/musl-1.2.3//src/stdio/puts.c",
                        "/p/build/libmusl/origin/musl-1.2.3//src/math/x86_64/fabs.c|x86_64",
                        "/p/libs/musl/abort.c"),
                sources.entries());
        assertEquals(
                Map.of(
                        "stdio", List.of(sources.entries().get(0)),
                        "math", List.of(sources.entries().get(1)),
                        "glue", List.of(sources.entries().get(2))),
                sources.bySubLibrary());
    }

    @Test
    void refusesASourceOutsideTheLibraryOrOneMakeWouldExpand() {
        for (String entry : List.of(
                "/etc/passwd",
                "/p/libs/musl/../../../etc/x.c",
                "/p/libs/musl/$(shell id).c",
                "/p/libs/musl/%.c",
                "/p/libs/musl/a=b.c")) {
            String printed = "libukboot:\n   /core/boot.c\nlibmusl:\n   " + entry + "\n";
            assertThrows(KraftException.class, () -> MuslSources.parse(printed, "libmusl", TREES), entry);
        }
    }
}
