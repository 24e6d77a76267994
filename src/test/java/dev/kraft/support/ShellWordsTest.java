package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void quotesOnlyWhatTheShellWouldChange() {
        assertEquals(
                "make -C /a/core O=/b all -j2",
                ShellWords.line(List.of("make", "-C", "/a/core", "O=/b", "all", "-j2")));
        assertEquals(
                "echo 'two words' 'it'\\''s' '' '$HOME'",
                ShellWords.line(List.of("echo", "two words", "it's", "", "$HOME")));
    }
}
