package dev.kraft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourcesTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToKraftKitsIndex() {
        assertEquals(List.of(UserConfig.DEFAULT_MANIFESTS), manifests(dir.resolve("config.yaml")));
    }

    @Test
    void addingAndRemovingKeepsEveryOtherKey() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "log:\n  level: debug\n  type: basic\nunikraft:\n  mirrors: []\nno_prompt: true\n");
        assertTrue(ManifestSources.add(file, "/srv/index"));
        assertFalse(ManifestSources.add(file, "/srv/index"), "added once");
        assertEquals(List.of(UserConfig.DEFAULT_MANIFESTS, "/srv/index"), manifests(file));
        assertTrue(ManifestSources.remove(file, UserConfig.DEFAULT_MANIFESTS));
        assertFalse(ManifestSources.remove(file, "http://not-there"));
        assertEquals(List.of("/srv/index"), manifests(file));
        UserConfig config = UserConfigReader.read(file, Map.of());
        assertEquals("debug", config.logLevel().orElseThrow());
        assertTrue(config.noPrompt());
        assertTrue(Files.readString(file).contains("mirrors: []"), Files.readString(file));
    }

    @Test
    void aListThatIsNoListIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("config.yaml"), "unikraft:\n  manifests: https://one\n");
        KraftException e = assertThrows(KraftException.class, () -> manifests(file));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals(file + ": unikraft.manifests must be a list of URLs or paths", e.getMessage());
    }

    private static List<String> manifests(Path file) {
        return UserConfigReader.read(file, Map.of()).manifests();
    }
}
