package dev.kraft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for package tests: serves fixed bytes per path, optionally slowly
 * (chunked, sleeping between chunks) or cut short, optionally with an ETag and ranges (as a CDN
 * serves archives), optionally failing its next requests (cut off, 429, 503), and counts every
 * request it answers and the ranges asked.
 */
public final class FileServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ranges = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /** What the server does to one request instead of answering it well. */
    public enum Fault {
        /** Sends half of what it would send, then drops the connection. */
        CUT,
        /** 429 Too Many Requests, with Retry-After: 1. */
        TOO_MANY,
        /** 503 Service Unavailable. */
        UNAVAILABLE
    }

    private record Route(byte[] body, int chunk, long delayMillis, int cutAfter, String etag) {
        Route withEtag(String tag) {
            return new Route(body, chunk, delayMillis, cutAfter, tag);
        }
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
        routes.put(path, new Route(body, 0, 0, -1, null));
        return this;
    }

    /** Gives the path's body an ETag and answers ranges ({@code Range}, {@code If-Range}), as a CDN does. */
    public FileServer validated(String path, String etag) {
        routes.computeIfPresent(path, (p, route) -> route.withEtag("\"" + etag + "\""));
        return this;
    }

    /** The path's next requests fail, one fault each, in order; later ones are answered well. */
    public FileServer failFirst(String path, Fault... next) {
        faults.put(path, new ConcurrentLinkedQueue<>(List.of(next)));
        return this;
    }

    /** The Range headers the path was asked with, in order ("" for a request without one). */
    public List<String> ranges(String path) {
        return List.copyOf(ranges.getOrDefault(path, List.of()));
    }

    public FileServer remove(String path) {
        routes.remove(path);
        return this;
    }

    /** Sends the body in chunks of the given size, sleeping between them. */
    public FileServer serveSlowly(String path, byte[] body, int chunk, long delayMillis) {
        routes.put(path, new Route(body, chunk, delayMillis, -1, null));
        return this;
    }

    /** Declares the whole length, sends only the first bytes, then closes the connection. */
    public FileServer serveTruncated(String path, byte[] body, int sent) {
        routes.put(path, new Route(body, 0, 0, sent, null));
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
        String range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"))
                .orElse("");
        ranges.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(range);
        Route route = routes.get(path);
        Fault fault = Optional.ofNullable(faults.get(path)).map(Queue::poll).orElse(null);
        try (exchange) {
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (fault == Fault.TOO_MANY || fault == Fault.UNAVAILABLE) {
                if (fault == Fault.TOO_MANY) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                }
                exchange.sendResponseHeaders(fault == Fault.TOO_MANY ? 429 : 503, -1);
                return;
            }
            int from = 0;
            if (route.etag() != null) {
                exchange.getResponseHeaders().set("ETag", route.etag());
                String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
                if (range.startsWith("bytes=")
                        && range.endsWith("-")
                        && (ifRange == null || ifRange.equals(route.etag()))) {
                    from = Integer.parseInt(range.substring(6, range.length() - 1));
                    exchange.getResponseHeaders()
                            .set(
                                    "Content-Range",
                                    "bytes " + from + "-" + (route.body().length - 1) + "/" + route.body().length);
                }
            }
            byte[] body = Arrays.copyOfRange(route.body(), from, route.body().length);
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, route.chunk() > 0 ? 0 : body.length);
            OutputStream out = exchange.getResponseBody();
            int cutAfter = fault == Fault.CUT ? body.length / 2 : route.cutAfter();
            if (cutAfter >= 0) {
                out.write(body, 0, cutAfter);
                out.flush();
                throw new IOException("cut short on purpose: the server drops the connection");
            }
            int chunk = route.chunk() > 0 ? route.chunk() : Math.max(1, body.length);
            for (int at = 0; at < body.length; at += chunk) {
                out.write(body, at, Math.min(chunk, body.length - at));
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
