package dev.kraft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for package tests: serves fixed bytes per path, optionally slowly
 * (chunked, sleeping between chunks) or cut short, and counts every request it answers.
 */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    private record Route(byte[] body, int chunk, long delayMillis, int cutAfter) {
    }

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A started server, for a test's field initialiser (which cannot throw IOException). */
    public static FileServer started() {
        try {
            return new FileServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileServer serve(String path, byte[] body) {
        routes.put(path, new Route(body, 0, 0, -1));
        return this;
    }

    public FileServer remove(String path) {
        routes.remove(path);
        return this;
    }

    /** Sends the body in chunks of the given size, sleeping between them. */
    public FileServer serveSlowly(String path, byte[] body, int chunk, long delayMillis) {
        routes.put(path, new Route(body, chunk, delayMillis, -1));
        return this;
    }

    /** Declares the whole length, sends only the first bytes, then closes the connection. */
    public FileServer serveTruncated(String path, byte[] body, int sent) {
        routes.put(path, new Route(body, 0, 0, sent));
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests(String path) {
        return counts.getOrDefault(path, new AtomicInteger()).get();
    }

    public int requests() {
        return total.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        total.incrementAndGet();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Route route = routes.get(path);
        try (exchange) {
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, route.chunk() > 0 ? 0 : route.body().length);
            OutputStream out = exchange.getResponseBody();
            if (route.cutAfter() >= 0) {
                out.write(route.body(), 0, route.cutAfter());
                out.flush();
                throw new IOException("cut short on purpose: the server drops the connection");
            }
            int chunk = route.chunk() > 0 ? route.chunk() : Math.max(1, route.body().length);
            for (int at = 0; at < route.body().length; at += chunk) {
                out.write(route.body(), at, Math.min(chunk, route.body().length - at));
                out.flush();
                if (route.delayMillis() > 0) {
                    Thread.sleep(route.delayMillis());
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
