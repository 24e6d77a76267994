package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kraft.support.Executables;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker's credential helpers: the {@code docker-credential-NAME} programs a config file names
 * ({@code credsStore} for every registry, {@code credHelpers} per registry), asked as docker
 * asks them: {@code get} with the server's address on stdin, a JSON answer
 * ({@code {"Username": …, "Secret": …}}) on stdout. A helper that has nothing for the server, or
 * is not installed, gives no login (docker would fail the pull instead, even of a public image).
 * An identity token (user {@code <token>}) is a login too: an OAuth2 refresh token the
 * registry client exchanges at the token service.
 */
final class CredentialHelpers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Docker Hub's hosts, which Docker's helpers know by the address of its old index. */
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private static final String DOCKER_HUB_ADDRESS = "https://index.docker.io/v1/";
    private final Processes processes;
    private final Map<String, String> env;

    CredentialHelpers(Processes processes, Map<String, String> env) {
        this.processes = processes;
        this.env = env;
    }

    /** The helper a config file names for the host, if it names one: its {@code credHelpers} entry, else its {@code credsStore}. */
    static Optional<String> helperFor(JsonNode config, String host) {
        for (Map.Entry<String, JsonNode> entry : config.path("credHelpers").properties()) {
            if (RegistryLogins.sameHost(entry.getKey(), host)
                    && entry.getValue().isTextual()) {
                return Optional.of(entry.getValue().asText());
            }
        }
        return Optional.of(config.path("credsStore").asText("")).filter(name -> !name.isEmpty());
    }

    /** Asks the helper for the host's login; {@code from} names the config file for messages. */
    Optional<RegistryLogins.Login> get(String helper, String host, Path from) {
        String program = program(helper, from);
        Optional<Path> found = Executables.find(program, env);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Processes.Captured answer = ask(found.get(), "get", address(host).getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 0) {
            if (notFound(answer)) {
                return Optional.empty();
            }
            throw failed(program, from, "failed for " + host, answer);
        }
        try {
            JsonNode login = JSON.readTree(answer.stdout());
            String user = login.path("Username").asText("");
            String secret = login.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RegistryLogins.Login(user, secret, program + " (named in " + from + ")"));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, program + " answered " + host + " with something that is not JSON", e);
        }
    }

    /**
     * Stores a login in the helper as {@code docker login} does: {@code store}, with
     * {@code {"ServerURL", "Username", "Secret"}} on stdin. A helper that is missing or fails is
     * an error: the login would otherwise be lost.
     */
    void store(String helper, String host, String user, String secret, Path from) {
        String program = program(helper, from);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(Map.of("ServerURL", address(host), "Username", user, "Secret", secret));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write the login for " + program, e);
        }
        Processes.Captured answer = ask(installed(program, from), "store", json);
        if (answer.status() != 0) {
            throw failed(program, from, "could not store the login for " + host, answer);
        }
    }

    /**
     * Erases the host's login in the helper as {@code docker logout} does: {@code erase}, with
     * the server's address on stdin; false when the helper had none.
     */
    boolean erase(String helper, String host, Path from) {
        String program = program(helper, from);
        Processes.Captured answer =
                ask(installed(program, from), "erase", address(host).getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 0) {
            if (notFound(answer)) {
                return false;
            }
            throw failed(program, from, "could not erase the login for " + host, answer);
        }
        return true;
    }

    private Processes.Captured ask(Path program, String verb, byte[] input) {
        return processes.capture(List.of(program.toString(), verb), Path.of("/"), input, TIMEOUT);
    }

    private Path installed(String program, Path from) {
        return Executables.find(program, env)
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        program + " (the credential helper " + from + " names) is not on PATH; install it,"
                                + " or remove it from that file to keep logins in kraft's own auth.json"));
    }

    private static boolean notFound(Processes.Captured answer) {
        return answer.stdout().toLowerCase(Locale.ROOT).contains("credentials not found");
    }

    private static KraftException failed(String program, Path from, String what, Processes.Captured answer) {
        return new KraftException(
                ExitCode.FAILURE,
                program + " (the credential helper " + from + " names) " + what + ": "
                        + answer.stdout().strip().lines().findFirst().orElse("exit " + answer.status()));
    }

    private static String program(String helper, Path from) {
        if (!helper.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT, from + ": credential helper \"" + helper + "\" is not a helper's name");
        }
        return "docker-credential-" + helper;
    }

    private static String address(String host) {
        return DOCKER_HUB.contains(host) ? DOCKER_HUB_ADDRESS : host;
    }
}
