package dev.kraft.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's smart HTTP protocol, as GitHub and GitLab speak it: every request handed to a real
 * {@code git http-backend} (CGI) serving the repositories under one directory.
 */
final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Path base;
    private final AtomicInteger requests = new AtomicInteger();

    GitHttpServer(Path base) throws IOException {
        this.base = base;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", base.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put(
                "QUERY_STRING",
                exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : exchange.getRequestURI().getRawQuery());
        env.put("CONTENT_LENGTH", String.valueOf(body.length));
        env.put("REMOTE_ADDR", "127.0.0.1");
        copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
        copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
        copyHeader(exchange, "Git-Protocol", "GIT_PROTOCOL", env);
        Process process = cgi.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(body);
        }
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = stdout.readAllBytes();
        }
        respond(exchange, out);
    }

    private static void copyHeader(HttpExchange exchange, String header, String variable, Map<String, String> env) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(variable, value);
        }
    }

    /** A CGI answer: header lines, an empty line, the body; "Status:" sets the HTTP status. */
    private static void respond(HttpExchange exchange, byte[] cgiOutput) throws IOException {
        int status = 200;
        int at = 0;
        while (at < cgiOutput.length) {
            int end = at;
            while (end < cgiOutput.length && cgiOutput[end] != '\n') {
                end++;
            }
            String line = new String(cgiOutput, at, end - at, StandardCharsets.ISO_8859_1).strip();
            at = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(cgiOutput, Math.min(at, cgiOutput.length), Math.max(0, cgiOutput.length - at));
        exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
        try (OutputStream response = exchange.getResponseBody()) {
            body.writeTo(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
