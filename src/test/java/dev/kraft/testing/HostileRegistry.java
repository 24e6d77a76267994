package dev.kraft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A registry that serves one unikernel image, {@code kraft/hello:latest}, in KraftKit's layout
 * (an index, one qemu/x86_64 manifest, a config, a layer holding {@code unikraft/bin/kernel}),
 * with one fault of a registry or an image nobody should trust: a blob that stalls or is cut
 * off, a config that is not JSON, a kernel entry that is a link, a layer declared huge, media
 * types kraft does not read. Plain HTTP on 127.0.0.1, as kraft allows for loopback registries.
 */
public final class HostileRegistry implements AutoCloseable {
    /**
     * FLAKY is a registry that recovers: its first answer to the tag is 429 (Retry-After: 1), to
     * the config 503, and it cuts the layer off once, then serves the rest of it by range.
     */
    public enum Fault {
        NONE,
        STALLED_BLOB,
        CUT_BLOB,
        CONFIG_NOT_JSON,
        KERNEL_IS_A_LINK,
        HUGE_LAYER,
        LAYER_MEDIA_TYPE,
        CONFIG_MEDIA_TYPE,
        FLAKY
    }

    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final Map<String, String> digests = new HashMap<>();
    private final AtomicInteger blobRequests = new AtomicInteger();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final Fault fault;
    private final byte[] index;
    private final byte[] manifest;

    public HostileRegistry(byte[] kernel, Fault fault) throws IOException {
        this.fault = fault;
        byte[] layer = layer(kernel, fault == Fault.KERNEL_IS_A_LINK);
        byte[] config = fault == Fault.CONFIG_NOT_JSON
                ? utf8("<html>it works</html>")
                : utf8(
                        "{\"architecture\":\"x86_64\",\"os\":\"qemu\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                                + digest(layer) + "\"]}}");
        blobs.put(digest(layer), layer);
        blobs.put(digest(config), config);
        digests.put("layer", digest(layer));
        digests.put("config", digest(config));
        String configType = fault == Fault.CONFIG_MEDIA_TYPE
                ? "application/octet-stream"
                : "application/vnd.oci.image.config.v1+json";
        String layerType = fault == Fault.LAYER_MEDIA_TYPE
                ? "application/vnd.example.script"
                : "application/vnd.oci.image.layer.v1.tar";
        long layerSize = fault == Fault.HUGE_LAYER ? 3L << 30 : layer.length;
        manifest =
                utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":\"" + configType
                        + "\",\"digest\":\"" + digest(config) + "\",\"size\":" + config.length
                        + "},\"layers\":[{\"mediaType\":\"" + layerType
                        + "\",\"digest\":\"" + digest(layer) + "\",\"size\":" + layerSize + "}]}");
        digests.put("manifest", digest(manifest));
        index = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[{\"mediaType\":\"" + MANIFEST
                + "\",\"digest\":\""
                + digest(manifest) + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"sh.kraftkit.version\":\"0.11.6\"},"
                + "\"platform\":{\"architecture\":\"x86_64\",\"os\":\"qemu\"}}]}");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The image's reference, {@code 127.0.0.1:PORT/kraft/hello:latest}. */
    public String reference() {
        return "127.0.0.1:" + server.getAddress().getPort() + "/kraft/hello:latest";
    }

    /** The digest of the image's {@code layer}, {@code config} or {@code manifest}. */
    public String digest(String what) {
        return digests.get(what);
    }

    public int blobRequests() {
        return blobRequests.get();
    }

    /** The Range header of each blob request ("" without one). */
    public List<String> blobRanges() {
        return List.copyOf(ranges);
    }

    /** A FLAKY registry's fault for this path, once. */
    private boolean failsNow(String what) {
        return fault == Fault.FLAKY && failedOnce.add(what);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (path.equals("/v2/")) {
                send(exchange, 200, "application/json", utf8("{}"), head);
            } else if (path.equals("/v2/kraft/hello/manifests/latest")) {
                if (failsNow("tag")) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    exchange.sendResponseHeaders(429, -1);
                    return;
                }
                send(exchange, 200, INDEX, index, head);
            } else if (path.equals("/v2/kraft/hello/manifests/" + digest("manifest"))) {
                send(exchange, 200, MANIFEST, manifest, head);
            } else if (path.startsWith("/v2/kraft/hello/blobs/") && blobs.containsKey(path.substring(22))) {
                blobRequests.incrementAndGet();
                String range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"))
                        .orElse("");
                ranges.add(range);
                byte[] blob = blobs.get(path.substring(22));
                boolean layer = path.endsWith(digest("layer"));
                if (!layer && failsNow("config")) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                if (layer && failsNow("layer")) {
                    exchange.sendResponseHeaders(200, blob.length);
                    exchange.getResponseBody().write(blob, 0, blob.length / 2);
                    exchange.getResponseBody().flush();
                    throw new IOException("cut off once on purpose");
                }
                if (fault == Fault.FLAKY && range.matches("bytes=\\d+-")) {
                    int from = Integer.parseInt(range.substring(6, range.length() - 1));
                    exchange.getResponseHeaders()
                            .set("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length);
                    exchange.sendResponseHeaders(206, blob.length - from);
                    exchange.getResponseBody().write(blob, from, blob.length - from);
                    return;
                }
                if (layer && (fault == Fault.STALLED_BLOB || fault == Fault.CUT_BLOB)) {
                    exchange.sendResponseHeaders(200, blob.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(blob, 0, blob.length / 2);
                    out.flush();
                    if (fault == Fault.STALLED_BLOB) {
                        Thread.sleep(120_000);
                    }
                    throw new IOException("cut off on purpose");
                }
                send(exchange, 200, "application/octet-stream", blob, head);
            } else {
                send(
                        exchange,
                        404,
                        "application/json",
                        utf8("{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no such thing\"}]}"),
                        head);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest(body));
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    /** An uncompressed tar with the kernel at KraftKit's path, or a hard link there to a file beside it. */
    private static byte[] layer(byte[] kernel, boolean kernelIsALink) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry file = new TarArchiveEntry(kernelIsALink ? "unikraft/bin/real" : "unikraft/bin/kernel");
            file.setSize(kernel.length);
            file.setModTime(0);
            tar.putArchiveEntry(file);
            tar.write(kernel);
            tar.closeArchiveEntry();
            if (kernelIsALink) {
                TarArchiveEntry link = new TarArchiveEntry("unikraft/bin/kernel", TarConstants.LF_LINK);
                link.setLinkName("unikraft/bin/real");
                link.setModTime(0);
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String digest(byte[] content) {
        return "sha256:" + Tarballs.sha256(content);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
