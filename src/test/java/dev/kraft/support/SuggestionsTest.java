package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsOnlyCloseNames() {
        List<String> keys = List.of("name", "spec", "targets", "libraries");
        assertEquals(Optional.of("name"), Suggestions.closest("nmae", keys));
        assertEquals(Optional.of("targets"), Suggestions.closest("target", keys));
        assertEquals(Optional.empty(), Suggestions.closest("zzzzzz", keys));
    }
}
