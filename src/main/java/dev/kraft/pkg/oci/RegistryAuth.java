package dev.kraft.pkg.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's side of authentication: a {@code WWW-Authenticate} challenge, {@code Basic}
 * (distribution with htpasswd) or {@code Bearer} with a token service (Docker Hub, GHCR,
 * unikraft.org), and the header that answers it.
 */
public final class RegistryAuth {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

    private RegistryAuth() {}

    /**
     * A user name and password (or token) for one registry host, and the file it came from (for
     * messages). The user {@code <token>} is docker's mark of an identity token: an OAuth2
     * refresh token, exchanged at the token service, never sent as a password.
     */
    public record Login(String user, String secret, String from) {
        static final String IDENTITY_TOKEN = "<token>";

        boolean identityToken() {
            return user.equals(IDENTITY_TOKEN);
        }

        String basic() {
            return "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Login[" + user + " from " + from + "]";
        }
    }

    /** Where logins come from (kraft's auth.json, Docker's and Podman's files), looked up by host. */
    @FunctionalInterface
    public interface Credentials {
        Optional<Login> find(String host);
    }

    /** {@code Basic realm="…"} or {@code Bearer realm="…",service="…",scope="…"}. */
    public record Challenge(String scheme, Map<String, String> params) {
        public static Optional<Challenge> parse(String header) {
            if (header == null || header.isBlank()) {
                return Optional.empty();
            }
            String trimmed = header.strip();
            int space = trimmed.indexOf(' ');
            String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            Matcher m = PARAM.matcher(space < 0 ? "" : trimmed.substring(space + 1));
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
            return Optional.of(new Challenge(scheme, params));
        }

        public boolean bearer() {
            return scheme.equals("bearer");
        }

        public boolean basic() {
            return scheme.equals("basic");
        }

        /** The token request for a scope; the challenge's own scope wins, since the registry knows what it wants. */
        String tokenQuery(String scope) {
            StringBuilder query = new StringBuilder();
            Optional.ofNullable(params.get("service"))
                    .ifPresent(s -> query.append("service=").append(encode(s)));
            String wanted = params.getOrDefault("scope", scope);
            if (!wanted.isEmpty()) {
                query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(wanted));
            }
            return query.toString();
        }
    }

    /**
     * The OAuth2 form that exchanges an identity token for an access token, as docker's
     * distribution client posts it ({@code grant_type=refresh_token}).
     */
    static String refreshForm(Challenge challenge, String scope, String refreshToken) {
        String query = challenge.tokenQuery(scope);
        return (query.isEmpty() ? "" : query + "&") + "grant_type=refresh_token&client_id=kraft&refresh_token="
                + encode(refreshToken);
    }

    /** A token service's answer holds the token as {@code token} or {@code access_token}. */
    static Optional<String> token(byte[] body) {
        try {
            JsonNode node = OciJson.MAPPER.readTree(body);
            JsonNode token = node.hasNonNull("token") ? node.get("token") : node.path("access_token");
            return token.isTextual() && !token.asText().isEmpty() ? Optional.of(token.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
