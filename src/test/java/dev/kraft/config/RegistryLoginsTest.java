package dev.kraft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
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
        RegistryLogins logins = new RegistryLogins(config, home, Map.of(), new Processes(Map.of()));
        assertEquals(
                Optional.of(new RegistryLogins.Login("me", "s3cret", file.path().toString())),
                logins.find("localhost:5000"));
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
        KraftException e = assertThrows(
                KraftException.class,
                () -> new RegistryLogins(config, home, Map.of(), new Processes(Map.of())).find("x"));
        assertEquals(ExitCode.STATE, e.exitCode());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void dockerAndPodmanLoginsAreReadInPlace() throws IOException {
        Path docker = Files.createDirectories(home.resolve("docker"));
        String dockerJson = "{\"auths\":{\"https://registry.example.com/v1/\":{\"auth\":\"" + auth("d", "dp") + "\"}}}";
        Files.writeString(docker.resolve("config.json"), dockerJson);
        Path runtime = Files.createDirectories(home.resolve("run/containers"));
        Files.writeString(
                runtime.resolve("auth.json"),
                "{\"auths\":{\"quay.io\":{\"auth\":\"" + auth("p", "pp") + "\"},"
                        + "\"registry.example.com\":{\"auth\":\"" + auth("late", "x") + "\"}}}");
        Path config = home.resolve("cfg");
        RegistryLogins logins = new RegistryLogins(
                config,
                home,
                Map.of(
                        "DOCKER_CONFIG",
                        docker.toString(),
                        "XDG_RUNTIME_DIR",
                        home.resolve("run").toString()),
                new Processes(Map.of()));
        assertEquals(
                Optional.of(new RegistryLogins.Login(
                        "d", "dp", docker.resolve("config.json").toString())),
                logins.find("registry.example.com"),
                "Docker's wins over Podman's");
        assertEquals("p", logins.find("quay.io").orElseThrow().user());
        assertEquals(Optional.empty(), logins.find("ghcr.io"));
        assertEquals(dockerJson, Files.readString(docker.resolve("config.json")), "never rewritten");
        assertTrue(!Files.exists(config.resolve("auth.json")), "never copied into kraft's own file");
    }

    /**
     * A helper of the test's own on PATH, as docker runs them: {@code get}, the server on stdin,
     * JSON on stdout; "credentials not found" and exit 1 when it has none.
     */
    private Path helper(String name) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = get ] || exit 2
                read -r server || [ -n "$server" ]
                echo "$server" >> "$0.asked"
                case $server in
                  registry.example.com) echo '{"ServerURL":"registry.example.com","Username":"helped","Secret":"from-helper"}' ;;
                  https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hub","Secret":"hub-token"}' ;;
                  token.example.com) echo '{"ServerURL":"token.example.com","Username":"<token>","Secret":"refresh"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return bin;
    }

    private RegistryLogins dockerConfig(String json, Path bin) throws IOException {
        Path docker = Files.createDirectories(home.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), json);
        Map<String, String> env = Map.of("DOCKER_CONFIG", docker.toString(), "PATH", bin + ":/usr/bin:/bin");
        return new RegistryLogins(home.resolve("cfg"), home, env, new Processes(env));
    }

    @Test
    void credsStoreIsAskedForEveryRegistryInsteadOfAuths() throws IOException {
        Path bin = helper("test");
        RegistryLogins logins = dockerConfig(
                "{\"credsStore\":\"test\",\"auths\":{\"registry.example.com\":{\"auth\":\"" + auth("stale", "x")
                        + "\"},\"quay.io\":{\"auth\":\"" + auth("stale", "y") + "\"}}}",
                bin);
        RegistryLogins.Login login = logins.find("registry.example.com").orElseThrow();
        assertEquals("helped", login.user());
        assertEquals("from-helper", login.secret());
        assertEquals("docker-credential-test (named in " + home.resolve("docker/config.json") + ")", login.from());
        assertEquals(
                "hub", logins.find("docker.io").orElseThrow().user(), "Docker Hub is asked for by its index's address");
        assertEquals(
                Optional.empty(), logins.find("quay.io"), "the helper has none: auths is not read, as docker does not");
        assertEquals(
                new RegistryLogins.Login(
                        "<token>",
                        "refresh",
                        "docker-credential-test (named in " + home.resolve("docker/config.json") + ")"),
                logins.find("token.example.com").orElseThrow(),
                "an identity token is a login, which the registry client exchanges");
        logins.find("registry.example.com");
        assertEquals(
                List.of("registry.example.com", "https://index.docker.io/v1/", "quay.io", "token.example.com"),
                Files.readAllLines(bin.resolve("docker-credential-test.asked")),
                "each host asked once");
    }

    @Test
    void credHelpersNameTheHelperPerRegistryAndAMissingHelperGivesNoLogin() throws IOException {
        Path bin = helper("test");
        RegistryLogins logins = dockerConfig(
                "{\"credHelpers\":{\"registry.example.com\":\"test\",\"ghcr.io\":\"absent\"},"
                        + "\"auths\":{\"quay.io\":{\"auth\":\"" + auth("q", "qq") + "\"}}}",
                bin);
        assertEquals("helped", logins.find("registry.example.com").orElseThrow().user());
        assertEquals(Optional.empty(), logins.find("ghcr.io"), "docker-credential-absent is not installed");
        assertEquals("q", logins.find("quay.io").orElseThrow().user(), "no helper for quay.io: its auths entry");
    }

    @Test
    void aHelperNameThatIsAPathIsRefused() throws IOException {
        RegistryLogins logins = dockerConfig("{\"credsStore\":\"../../tmp/evil\"}", helper("test"));
        KraftException e = assertThrows(KraftException.class, () -> logins.find("registry.example.com"));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    }
}
