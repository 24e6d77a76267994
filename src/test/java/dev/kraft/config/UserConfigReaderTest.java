package dev.kraft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.yaml as dotted keys, with the environment laid over it. */
class UserConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void nestedScalarsBecomeDottedKeysListsAndNullsDoNot() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "log:", "  level: debug", "  type: basic", "unikraft:",
                "  manifests:", "  - https://one", "  - {name: x, nested: y}",
                "  mirrors: []", "  index_max_age: 2h", "  deep: {a: {b: 1.0}}", "no_prompt: true", "qemu: ~", "after: last", ""));

        UserConfig config = UserConfigReader.read(file, Map.of("KRAFTKIT_LOG_TYPE", "json"));

        assertEquals(Map.of("log.level", "debug", "log.type", "json", "unikraft.index_max_age", "2h", "unikraft.deep.a.b", "1.0",
                "no_prompt", "true", "after", "last"), config.values());
    }

    @Test
    void noFileNoValuesAndBrokenYamlIsNamed() throws Exception {
        assertTrue(UserConfigReader.read(dir.resolve("none.yaml"), Map.of()).values().isEmpty());
        Path broken = Files.writeString(dir.resolve("config.yaml"), "log:\n  level: [debug\n");

        KraftException e = assertThrows(KraftException.class, () -> UserConfigReader.read(broken, Map.of()));

        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(broken + ": "), e.getMessage());
    }
}
