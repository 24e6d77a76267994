package dev.kraft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kraft's auth.json is private from birth; Docker's and Podman's files are read, never written. */
class RegistryLoginsTest {
    @TempDir
    Path home;

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kraftLoginWritesA0600FileInA0700Directory() throws IOException {
        Path config = home.resolve(".config/kraftkit");
        AuthFile file = new AuthFile(config);
        file.store("localhost:5000", "me", "s3cret");
        file.store("ghcr.io", "other", "token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        RegistryLogins logins = new RegistryLogins(config, home, Map.of());
        assertEquals(Optional.of(new RegistryLogins.Login("me", "s3cret", file.path())), logins.find("localhost:5000"));
        assertEquals("other", logins.find("ghcr.io").orElseThrow().user(), "the second login kept the first");
        try (var leftovers = Files.list(config)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aFileOthersCanReadIsRefused() throws IOException {
        Path config = Files.createDirectories(home.resolve("cfg"));
        Files.writeString(config.resolve("auth.json"), "{\"auths\":{}}");
        Files.setPosixFilePermissions(config.resolve("auth.json"), PosixFilePermissions.fromString("rw-r--r--"));
        KraftException e = assertThrows(KraftException.class, () -> new RegistryLogins(config, home, Map.of()).find("x"));
        assertEquals(ExitCode.STATE, e.exitCode());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void dockerAndPodmanLoginsAreReadInPlace() throws IOException {
        Path docker = Files.createDirectories(home.resolve("docker"));
        String dockerJson = "{\"auths\":{\"https://registry.example.com/v1/\":{\"auth\":\"" + auth("d", "dp") + "\"}}}";
        Files.writeString(docker.resolve("config.json"), dockerJson);
        Path runtime = Files.createDirectories(home.resolve("run/containers"));
        Files.writeString(runtime.resolve("auth.json"), "{\"auths\":{\"quay.io\":{\"auth\":\"" + auth("p", "pp") + "\"},"
                + "\"registry.example.com\":{\"auth\":\"" + auth("late", "x") + "\"}}}");
        Path config = home.resolve("cfg");
        RegistryLogins logins = new RegistryLogins(config, home, Map.of("DOCKER_CONFIG", docker.toString(),
                "XDG_RUNTIME_DIR", home.resolve("run").toString()));
        assertEquals(Optional.of(new RegistryLogins.Login("d", "dp", docker.resolve("config.json"))), logins.find("registry.example.com"),
                "Docker's wins over Podman's");
        assertEquals("p", logins.find("quay.io").orElseThrow().user());
        assertEquals(Optional.empty(), logins.find("ghcr.io"));
        assertEquals(dockerJson, Files.readString(docker.resolve("config.json")), "never rewritten");
        assertTrue(!Files.exists(config.resolve("auth.json")), "never copied into kraft's own file");
    }
}
