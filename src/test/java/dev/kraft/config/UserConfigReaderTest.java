package dev.kraft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.yaml read once into typed settings, the environment laid over it. */
class UserConfigReaderTest {
    @TempDir
    Path dir;

    @Test
    void everySettingIsTypedAndTheEnvironmentWins() throws Exception {
        Path file = Files.writeString(
                dir.resolve("config.yaml"),
                String.join(
                        "\n",
                        "log:",
                        "  level: debug",
                        "  type: basic",
                        "unikraft:",
                        "  manifests:",
                        "  - https://one",
                        "  - /srv/two",
                        "  mirrors: []",
                        "  index_max_age: 2h",
                        "  deep: {a: {b: 1.0}}",
                        "no_prompt: true",
                        "qemu: ~",
                        "firecracker: /opt/fc",
                        "oci:",
                        "  insecure_registries: [Registry.Local:5000]",
                        "  ca_file: ca.pem",
                        "after: last",
                        ""));

        UserConfig config =
                UserConfigReader.read(file, Map.of("KRAFTKIT_LOG_TYPE", "json", "KRAFTKIT_DISABLE_ACCELERATION", "1"));

        assertEquals(Optional.of("debug"), config.logLevel());
        assertEquals(Optional.of("json"), config.logType());
        assertTrue(config.noPrompt());
        assertFalse(config.noColor());
        assertTrue(config.disableAcceleration());
        assertEquals(Optional.empty(), config.qemu());
        assertEquals(Optional.of("/opt/fc"), config.firecracker());
        assertEquals(Duration.ofHours(2), config.indexMaxAge());
        assertEquals(List.of("https://one", "/srv/two"), config.manifests());
        assertEquals(Set.of("registry.local:5000"), config.oci().insecureRegistries());
        assertEquals(Optional.of(dir.resolve("ca.pem")), config.oci().caFile());
        assertEquals("unikraft.org", config.oci().defaultRegistry(), "KraftKit's, unless set");
    }

    @Test
    void theDefaultRegistryOfRuntimesIsAHostTheEnvironmentOverrides() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "oci:\n  default_registry: Registry.Local:5000\n");
        assertEquals(
                "registry.local:5000",
                UserConfigReader.read(file, Map.of()).oci().defaultRegistry());
        assertEquals(
                "127.0.0.1:5000",
                UserConfigReader.read(file, Map.of("KRAFTKIT_OCI_DEFAULT_REGISTRY", "127.0.0.1:5000"))
                        .oci()
                        .defaultRegistry());
        KraftException e = assertThrows(
                KraftException.class,
                () -> UserConfigReader.read(
                        file, Map.of("KRAFTKIT_OCI_DEFAULT_REGISTRY", "https://registry.local/v2")));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals(
                "oci.default_registry \"https://registry.local/v2\": expected a registry host, with a port if it needs one"
                        + " (e.g. registry.example.com or 127.0.0.1:5000)",
                e.getMessage());
    }

    @Test
    void noFileIsTheDefaultsAndBrokenYamlIsNamed() throws Exception {
        assertEquals(UserConfig.DEFAULTS, UserConfigReader.read(dir.resolve("none.yaml"), Map.of()));
        Path broken = Files.writeString(dir.resolve("config.yaml"), "log:\n  level: [debug\n");

        KraftException e = assertThrows(KraftException.class, () -> UserConfigReader.read(broken, Map.of()));

        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(broken + ": "), e.getMessage());
    }

    @Test
    void indexAgesAreDurations() throws Exception {
        assertEquals(Duration.ofMinutes(30), maxAge("30m"));
        assertEquals(Duration.ofDays(7), maxAge("7d"));
        assertEquals(Duration.ZERO, maxAge("0"));
        assertEquals(Duration.ofHours(12), maxAge("PT12H"));
        KraftException e = assertThrows(KraftException.class, () -> maxAge("soon"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals("unikraft.index_max_age \"soon\": expected a duration such as 24h, 30m, 7d or 0", e.getMessage());
    }

    @Test
    void aListSettingGivenAScalarIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "oci:\n  insecure_registries: localhost:5000\n");
        KraftException e = assertThrows(KraftException.class, () -> UserConfigReader.read(file, Map.of()));
        assertEquals(file + ": oci.insecure_registries must be a list of hosts", e.getMessage());
    }

    private Duration maxAge(String value) throws Exception {
        return UserConfigReader.read(
                        Files.writeString(dir.resolve("age.yaml"), "unikraft:\n  index_max_age: " + value + "\n"),
                        Map.of())
                .indexMaxAge();
    }
}
