package dev.kraft.builder.musl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UndefinedSymbolsTest {
    @Test
    void namesEachSymbolTheLinkerCouldNotFindOnce() {
        String out = """
                ld: /b/libmusl/puts.o: in function `puts':
                /m/src/stdio/puts.c:5: undefined reference to `fputs'
                ld: /m/src/stdio/puts.c:6: undefined reference to `__stdout_write'
                ld: /b/app.o: undefined reference to `fputs'
                ld: /b/hello.dbg: hidden symbol `__towrite' isn't defined
                ld.lld: error: undefined symbol: pthread_create
                ld: final link failed: bad value
                """;
        assertEquals(
                List.of("fputs", "__stdout_write", "pthread_create", "__towrite"),
                List.copyOf(UndefinedSymbols.in(out)));
    }

    @Test
    void otherFailuresNameNone() {
        assertEquals(Set.of(), UndefinedSymbols.in("main.c:3:1: error: expected ';' before '}' token\n"));
    }
}
