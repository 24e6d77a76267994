package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Our side of authentication, per registry host: the login found for it, the scheme its last
 * challenge asked for, and bearer tokens by scope, fetched from the realm the registry named:
 * with the login as Basic auth (GET), or for an identity token as docker's distribution client
 * does, by the OAuth2 refresh-token grant (POST).
 */
final class RegistryLogin {
    private final RegistryHttp http;
    private final RegistryAuth.Credentials credentials;
    private final Map<String, String> basicHosts = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    RegistryLogin(RegistryHttp http, RegistryAuth.Credentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    /** The header to send before any challenge, when an earlier one told us what this host wants. */
    Optional<String> header(ImageRef ref, String scope) {
        return Optional.ofNullable(tokens.get(key(ref, scope)))
                .map(t -> "Bearer " + t)
                .or(() -> Optional.ofNullable(basicHosts.get(ref.registry())));
    }

    /** Answers a 401: Basic with the host's login, or Bearer with a token the login (or nobody) obtains. */
    String answer(ImageRef ref, String scope, String challengeHeader, boolean triedAlready) {
        RegistryAuth.Challenge challenge = RegistryAuth.Challenge.parse(challengeHeader)
                .orElseThrow(() -> new KraftException(
                        ExitCode.FETCH_FAILED, ref.registry() + " answered 401 without saying how to authenticate"));
        Optional<RegistryAuth.Login> login = credentials.find(ref.registry());
        if (challenge.basic()) {
            if (login.isEmpty()) {
                throw needsLogin(ref);
            }
            if (triedAlready) {
                throw refused(ref);
            }
            basicHosts.put(ref.registry(), login.get().basic());
            return login.get().basic();
        }
        if (!challenge.bearer() || !challenge.params().containsKey("realm")) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED,
                    ref.registry() + " asks for authentication kraft does not speak: " + challengeHeader);
        }
        String token = fetchToken(ref, challenge, scope, login);
        tokens.put(key(ref, scope), token);
        return "Bearer " + token;
    }

    private String fetchToken(
            ImageRef ref, RegistryAuth.Challenge challenge, String scope, Optional<RegistryAuth.Login> login) {
        String realm = challenge.params().get("realm");
        String wanted = "repository:" + ref.repository() + ":" + scope;
        String query = challenge.tokenQuery(wanted);
        Optional<RegistryAuth.Login> identity = login.filter(RegistryAuth.Login::identityToken);
        URI uri = URI.create(
                identity.isPresent() || query.isEmpty() ? realm : realm + (realm.contains("?") ? "&" : "?") + query);
        if (!uri.getScheme().equals("https")
                && !(uri.getScheme().equals("http")
                        && http.base(ref).getScheme().equals("http"))) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED,
                    ref.registry() + " names a token service over plain http (" + realm + "); refused");
        }
        HttpRequest.Builder request = http.request(uri);
        if (identity.isPresent()) {
            request.setHeader("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(RegistryAuth.refreshForm(
                            challenge, wanted, identity.get().secret())));
        } else {
            request.GET();
            login.ifPresent(l -> request.setHeader("Authorization", l.basic()));
        }
        HttpResponse<byte[]> response = http.raw(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw login.isPresent() ? refused(ref) : needsLogin(ref);
        }
        if (response.statusCode() != 200) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED, "token service " + realm + " answered HTTP " + response.statusCode());
        }
        return RegistryAuth.token(response.body())
                .orElseThrow(
                        () -> new KraftException(ExitCode.FETCH_FAILED, "token service " + realm + " sent no token"));
    }

    KraftException refused(ImageRef ref) {
        return credentials
                .find(ref.registry())
                .map(l -> new KraftException(
                        ExitCode.FETCH_FAILED,
                        ref.registry() + " refused the login of " + l.user() + " (from " + l.from()
                                + "); run `kraft login " + ref.registry() + "` again"))
                .orElseGet(() -> needsLogin(ref));
    }

    private static KraftException needsLogin(ImageRef ref) {
        return new KraftException(
                ExitCode.FETCH_FAILED,
                ref.registry() + " needs credentials and kraft has none for it; run `kraft login " + ref.registry()
                        + "`");
    }

    private static String key(ImageRef ref, String scope) {
        return ref.registry() + "/" + ref.repository() + ":" + scope;
    }
}
