package dev.kraft.builder.musl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolIndexTest {
    private static final Path FAKE_MUSL =
            Path.of("examples/hello-local/libs/musl").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void readsMuslsWaysOfDefiningGlobals() {
        String text = """
                #include "stdio_impl.h"
                /* int commented(void) { */
                static FILE f = { .buf = "{", .lock = -1 };
                FILE *const stdout = &f;
                FILE *volatile __stdout_used = &f;
                struct __libc __libc;
                int optind=1, opterr=1, __optpos, *__optlist[2] = { 0, 0 };
                hidden char **__environ_copy[2] = { 0 };
                static int helper(int x);
                int prototype(void);
                struct tm *__gmtime_r(const time_t *restrict t, struct tm *restrict tm)
                {
                	int inside = 1;
                	return 0;
                }
                struct opaque {
                	int field;
                };
                static void dummy(void) {}
                weak_alias(dummy, __stdio_exit);
                strong_alias(__gmtime_r, gmtime_r);
                """;
        assertEquals(
                Set.of(
                        "stdout",
                        "__stdout_used",
                        "__libc",
                        "optind",
                        "opterr",
                        "__optpos",
                        "__optlist",
                        "__environ_copy",
                        "__gmtime_r",
                        "gmtime_r",
                        "__stdio_exit"),
                SymbolIndex.symbols("stdout.c", text));
    }

    @Test
    void assemblyDefinesItsGlobals() {
        assertEquals(
                Set.of("memcpy", "__memcpy_fwd"),
                SymbolIndex.symbols(
                        "memcpy.s", ".global memcpy\n.globl __memcpy_fwd\n.type memcpy,@function\nmemcpy:\n"));
    }

    @Test
    void indexesTheStandInMuslByFileAliasAndVariable() throws IOException {
        List<String> entries;
        try (Stream<Path> files = Files.walk(FAKE_MUSL.resolve("musl/src"))) {
            entries = files.filter(f -> f.toString().endsWith(".c"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        SymbolIndex index = SymbolIndex.of(entries, List.of(FAKE_MUSL));
        assertEquals(Set.of(source("stdio/__stdio_exit.c")), index.definers("__stdio_exit_needed"));
        assertEquals(Set.of(source("exit/exit.c"), source("stdio/__stdio_exit.c")), index.definers("__stdio_exit"));
        assertEquals(Set.of(source("thread/pthread_create.c")), index.definers("__thread_results"));
        assertEquals(Set.of(source("thread/pthread_self.c")), index.definers("thrd_current"));
        assertEquals(Set.of(source("string/strlen.c")), index.definers("strlen"));
        assertEquals(Set.of(), index.definers("fmt_fp"), "a static function is no global");
    }

    @Test
    void readsNothingOutsideTheLibrarysTrees() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.c"), "int secret(void) { return 1; }\n");
        Path link = Files.createSymbolicLink(
                Files.createDirectories(tmp.resolve("lib/src/x")).resolve("link.c"), outside);
        SymbolIndex index = SymbolIndex.of(List.of(link.toString(), outside.toString()), List.of(tmp.resolve("lib")));
        assertEquals(Set.of(), index.definers("secret"));
    }

    private static String source(String path) {
        return FAKE_MUSL.resolve("musl/src").resolve(path).toString();
    }
}
