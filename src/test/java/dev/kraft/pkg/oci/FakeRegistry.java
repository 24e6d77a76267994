package dev.kraft.pkg.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OCI registry in a test's own process, for what a real one will not do on demand: serve a
 * blob with one byte changed, lie in Docker-Content-Digest, or ask for a bearer token from a
 * token service. Holds manifests and blobs in memory; plain http on 127.0.0.1.
 */
final class FakeRegistry implements AutoCloseable {
    static final String TOKEN = "token-for-tests";
    private final HttpServer server;
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    /** Paths of requests that carried an Authorization header. */
    final List<String> authorized = new CopyOnWriteArrayList<>();

    private volatile Optional<String> bearerLogin = Optional.empty();
    private volatile Optional<String> tampered = Optional.empty();
    private volatile Optional<String> claimedDigest = Optional.empty();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every /v2/ request needs a bearer token, which the token service gives to user:password. */
    FakeRegistry requireBearer(String user, String password) {
        bearerLogin = Optional.of("Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Serves this blob with its first byte changed. */
    void tamper(String digest) {
        tampered = Optional.of(digest);
    }

    /** Sends this Docker-Content-Digest with every manifest, whatever it is. */
    void claim(String digest) {
        claimedDigest = Optional.of(digest);
    }

    /** Answers for repository:other with what repository:reference holds, as a broken or hostile registry might. */
    void alias(String repository, String reference, String other) {
        manifests.put(repository + "@" + other, manifests.get(repository + "@" + reference));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            exchange.getRequestHeaders().getOrDefault("Authorization", List.of()).stream()
                    .findFirst()
                    .ifPresent(a -> authorized.add(path));
            if (path.equals("/token")) {
                boolean ok = bearerLogin.equals(
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
                send(
                        exchange,
                        ok ? 200 : 401,
                        ok ? ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8) : new byte[0],
                        "application/json");
                return;
            }
            if (bearerLogin.isPresent()
                    && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders()
                        .set("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"fake\"");
                send(exchange, 401, new byte[0], "application/json");
                return;
            }
            String[] parts = path.split("/(manifests|blobs)/", 2);
            String repo = parts[0].replaceFirst("^/v2/", "");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/v2/")) {
                send(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
            } else if (path.contains("/manifests/") && method.equals("PUT")) {
                manifests.put(repo + "@" + parts[1], body);
                manifests.put(repo + "@" + digest(body), body);
                manifestTypes.put(digest(body), exchange.getRequestHeaders().getFirst("Content-Type"));
                send(exchange, 201, new byte[0], null);
            } else if (path.contains("/manifests/")) {
                byte[] manifest = manifests.get(repo + "@" + parts[1]);
                if (manifest != null) {
                    exchange.getResponseHeaders().set("Docker-Content-Digest", claimedDigest.orElse(digest(manifest)));
                }
                send(
                        exchange,
                        manifest == null ? 404 : 200,
                        manifest == null ? new byte[0] : manifest,
                        manifest == null ? null : manifestTypes.get(digest(manifest)));
            } else if (path.endsWith("/blobs/uploads/") && method.equals("POST")) {
                exchange.getResponseHeaders()
                        .set("Location", "/v2/" + repo + "/blobs/uploads/" + uploads.size() + "?state=x");
                uploads.put(String.valueOf(uploads.size()), new byte[0]);
                send(exchange, 202, new byte[0], null);
            } else if (path.contains("/blobs/uploads/") && method.equals("PUT")) {
                String wanted = exchange.getRequestURI().getQuery().replaceFirst(".*digest=", "");
                blobs.put(wanted, body);
                send(exchange, wanted.equals(digest(body)) ? 201 : 400, new byte[0], null);
            } else {
                byte[] blob = blobs.get(parts[1]);
                if (blob != null && tampered.equals(Optional.of(parts[1]))) {
                    blob = blob.clone();
                    blob[0] ^= 1;
                }
                send(
                        exchange,
                        blob == null ? 404 : 200,
                        blob == null || method.equals("HEAD") ? new byte[0] : blob,
                        null);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
