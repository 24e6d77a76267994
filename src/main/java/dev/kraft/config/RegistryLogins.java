package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where kraft finds a registry login, first match wins: its own {@code auth.json} ({@code kraft
 * login}), then Docker's {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json}),
 * then Podman's {@code $XDG_RUNTIME_DIR/containers/auth.json}. In the others' files, a
 * credential helper named for the host ({@code credHelpers}, else {@code credsStore}) is asked,
 * as docker and KraftKit ask it, instead of {@code auths} ({@link CredentialHelpers}). The
 * others' files are only read: KraftKit copies them into config.yaml in plain text; kraft never
 * copies a credential. Each host is looked up once per instance, since a helper is a process.
 */
public final class RegistryLogins {
    private final AuthFile own;
    private final List<Path> others = new ArrayList<>();
    private final CredentialHelpers helpers;
    private final Map<String, Optional<Login>> found = new HashMap<>();

    /** A login: user, password or token, and where it came from (a file, a credential helper). */
    public record Login(String user, String secret, String from) {
        @Override
        public String toString() {
            return "Login[" + user + " from " + from + "]";
        }
    }

    /** @param processes runs the credential helpers, found on the PATH of env */
    public RegistryLogins(Path configDir, Path home, Map<String, String> env, Processes processes) {
        this.own = new AuthFile(configDir);
        this.helpers = new CredentialHelpers(processes, env);
        String docker = env.getOrDefault("DOCKER_CONFIG", "");
        others.add(
                docker.isEmpty()
                        ? home.resolve(".docker/config.json")
                        : Path.of(docker).resolve("config.json"));
        Optional.ofNullable(env.get("XDG_RUNTIME_DIR"))
                .filter(d -> !d.isEmpty())
                .ifPresent(dir -> others.add(Path.of(dir).resolve("containers/auth.json")));
    }

    public Optional<Login> find(String host) {
        Optional<Login> known = found.get(host);
        if (known == null) {
            known = lookUp(host);
            found.put(host, known);
        }
        return known;
    }

    private Optional<Login> lookUp(String host) {
        Optional<Login> login = find(own.read().path("auths"), host, own.path());
        for (Path file : others) {
            if (login.isPresent()) {
                break;
            }
            JsonNode config = read(file);
            Optional<String> helper = CredentialHelpers.helperFor(config, host);
            login = helper.isPresent() ? helpers.get(helper.get(), host, file) : find(config.path("auths"), host, file);
        }
        return login;
    }

    /**
     * Keeps a login where docker would: in the credential helper Docker's config names for the
     * host ({@code credHelpers}, else {@code credsStore}), else in kraft's own auth.json.
     *
     * @return where it is now, for the user
     */
    public String store(String host, String user, String secret) {
        found.remove(host);
        Path docker = others.get(0);
        Optional<String> helper = CredentialHelpers.helperFor(read(docker), host);
        if (helper.isPresent()) {
            helpers.store(helper.get(), host, user, secret, docker);
            return helperNamed(helper.get(), docker);
        }
        own.store(host, user, secret);
        return own.path().toString();
    }

    /**
     * Forgets the host's login where kraft login keeps it, as {@code docker logout}: kraft's
     * auth.json, and the credential helper Docker's config names for the host.
     *
     * @return where it was, for the user; empty when neither had one
     */
    public List<String> erase(String host) {
        found.remove(host);
        List<String> erased = new ArrayList<>();
        if (own.remove(host)) {
            erased.add(own.path().toString());
        }
        Path docker = others.get(0);
        Optional<String> helper = CredentialHelpers.helperFor(read(docker), host);
        if (helper.isPresent() && helpers.erase(helper.get(), host, docker)) {
            erased.add(helperNamed(helper.get(), docker));
        }
        return erased;
    }

    private static String helperNamed(String helper, Path config) {
        return "docker-credential-" + helper + " (named in " + config + ")";
    }

    /** Keys may be {@code host}, {@code https://host} or {@code https://host/v1/}, as Docker writes them. */
    static boolean sameHost(String key, String host) {
        return key.replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "").equalsIgnoreCase(host);
    }

    private static Optional<Login> find(JsonNode auths, String host, Path from) {
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            if (!sameHost(entry.getKey(), host)) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.hasNonNull("auth")) {
                String decoded = decode(value.get("auth").asText(), from);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(
                            new Login(decoded.substring(0, colon), decoded.substring(colon + 1), from.toString()));
                }
            } else if (value.hasNonNull("username") && value.hasNonNull("password")) {
                return Optional.of(new Login(
                        value.get("username").asText(), value.get("password").asText(), from.toString()));
            }
        }
        return Optional.empty();
    }

    private static String decode(String base64, Path from) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, from + ": an \"auth\" value is not base64");
        }
    }

    /** Another tool's file: missing or unreadable is no error, just no login from it. */
    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
