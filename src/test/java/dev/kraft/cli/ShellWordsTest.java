package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kraft.support.KraftException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kraft pkg --args is split as KraftKit's go-shellwords splits it, without expanding anything. */
class ShellWordsTest {
    @Test
    void splitsOnBlanksAndKeepsQuotedOnes() {
        assertEquals(List.of("-c", "/nginx/conf/nginx.conf"), ShellWords.split("-c /nginx/conf/nginx.conf"));
        assertEquals(List.of("a b", "c d", "e f", "$HOME"), ShellWords.split("'a b' \"c d\" e\\ f '$HOME'"));
        assertEquals(List.of("", "x"), ShellWords.split("'' x"));
        assertEquals(List.of(), ShellWords.split("   "));
        assertEquals(List.of("say \"hi\""), ShellWords.split("\"say \\\"hi\\\"\""));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThrows(KraftException.class, () -> ShellWords.split("'open"));
    }
}
