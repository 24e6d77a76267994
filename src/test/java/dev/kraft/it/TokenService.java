package dev.kraft.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service for a real docker-registry configured with {@code auth: token}: it takes only
 * the OAuth2 refresh-token grant (POST, {@code grant_type=refresh_token}) with the one refresh
 * token it knows, and answers with an access token the registry verifies: a JWT signed RS256
 * with the test's key, its certificate in {@code x5c}, granting the scope asked for. Anything
 * else it refuses and records.
 */
final class TokenService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final PrivateKey key;
    private final String certificate;
    private final String refreshToken;
    private final AtomicInteger granted = new AtomicInteger();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    TokenService(Path keyPem, Path certPem, String refreshToken) throws Exception {
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(keyPem)));
        this.certificate = Base64.getEncoder().encodeToString(pem(certPem));
        this.refreshToken = refreshToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::answer);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    int granted() {
        return granted.get();
    }

    /** The requests refused: method and what was wrong. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!exchange.getRequestMethod().equals("POST")
                    || !"refresh_token".equals(form.get("grant_type"))
                    || !refreshToken.equals(form.get("refresh_token"))) {
                refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + form.keySet());
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(Map.of(
                    "access_token",
                    jwt(form.getOrDefault("service", ""), form.getOrDefault("scope", "")),
                    "expires_in",
                    300));
            granted.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (Exception e) {
            refused.add("error: " + e);
        }
    }

    private String jwt(String service, String scope) throws Exception {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String each : scope.split(" ")) {
            String[] parts = each.split(":");
            if (parts.length == 3) {
                access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
            }
        }
        long now = System.currentTimeMillis() / 1000;
        String header = encode(Map.of("alg", "RS256", "typ", "JWT", "x5c", List.of(certificate)));
        String claims = encode(Map.of(
                "iss",
                "kraft-test-issuer",
                "sub",
                "kraft",
                "aud",
                service,
                "exp",
                now + 300,
                "nbf",
                now - 60,
                "iat",
                now,
                "jti",
                UUID.randomUUID().toString(),
                "access",
                access));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String encode(Object json) throws IOException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** The DER bytes of a PEM file's first block. */
    private static byte[] pem(Path file) throws IOException {
        String text = Files.readString(file);
        String base64 = text.substring(text.indexOf("-----", text.indexOf("BEGIN")) + 5, text.indexOf("-----END"))
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
