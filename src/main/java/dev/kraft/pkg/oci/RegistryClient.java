package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.SourceStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The few calls of the OCI distribution API that pushing and pulling need: manifests by tag or
 * digest (GET, PUT), blobs (HEAD, GET) and monolithic uploads (POST, then PUT with the digest).
 */
public final class RegistryClient {
    /** Manifests are small; anything bigger is not one (distribution itself caps them at 4 MiB). */
    static final int MAX_MANIFEST = 4 << 20;
    /** The whole body of an upload goes out before the answer: a big initrd on a slow link needs more than the usual timeout. */
    private static final Duration UPLOAD = Duration.ofMinutes(30);
    private static final String ACCEPT = String.join(", ", Descriptor.INDEX, Descriptor.MANIFEST,
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json");
    private final RegistryHttp http;

    public RegistryClient(SSLContext tls, Set<String> insecureHosts, Duration timeout, RegistryAuth.Credentials credentials) {
        this.http = new RegistryHttp(tls, insecureHosts, timeout, credentials);
    }

    /** A manifest or index as the registry sent it, with the digest it claimed in Docker-Content-Digest, if any. */
    public record Fetched(byte[] bytes, String mediaType, Optional<String> claimedDigest) {
    }

    public Fetched manifest(ImageRef ref, String reference) {
        HttpResponse<InputStream> response = http.send(ref, "pull", request(ref, "manifests/" + reference).GET().header("Accept", ACCEPT),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            RegistryHttp.close(response);
            throw new KraftException(ExitCode.NOT_FOUND, ref.name() + ":" + reference + " is not in the registry " + ref.registry());
        }
        byte[] bytes = body(response, MAX_MANIFEST, "GET manifest " + reference, http.timeout());
        return new Fetched(bytes, response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Docker-Content-Digest"));
    }

    /**
     * Streams a blob to the sink, which must check what it gets: the registry's word is not proof.
     * A registry that stalls or cuts the blob off is an error naming the blob, not a hang.
     */
    public void blob(ImageRef ref, Descriptor blob, BlobSink sink) throws IOException {
        HttpResponse<InputStream> response = http.send(ref, "pull", request(ref, "blobs/" + blob.digest()).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        check(response, 200, "GET blob " + blob.digest());
        try (SourceStream in = SourceStream.network(response.body(), http.timeout())) {
            sink.accept(in);
        } catch (SourceStream.Failure e) {
            throw new KraftException(ExitCode.FETCH_FAILED, "GET blob " + blob.digest() + " from " + ref.registry() + " broke off after "
                    + e.bytesRead() + " of " + blob.size() + " bytes: " + e.getMessage(), e);
        }
    }

    /** Receives a blob's bytes. */
    @FunctionalInterface
    public interface BlobSink {
        void accept(InputStream in) throws IOException;
    }

    public boolean hasBlob(ImageRef ref, Descriptor blob) {
        HttpResponse<Void> response = http.send(ref, "pull,push", request(ref, "blobs/" + blob.digest())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    public void pushBlob(ImageRef ref, Descriptor blob, Path file) throws FileNotFoundException {
        HttpResponse<byte[]> started = http.send(ref, "pull,push", request(ref, "blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofByteArray());
        check(started, 202, "POST upload for " + blob.digest());
        String location = started.headers().firstValue("Location").orElseThrow(() ->
                new KraftException(ExitCode.FETCH_FAILED, ref.registry() + " started an upload without a Location"));
        URI upload = http.base(ref).resolve(location);
        URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + blob.digest());
        HttpResponse<byte[]> done = http.send(ref, "pull,push", http.request(put).timeout(UPLOAD).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofByteArray());
        check(done, 201, "PUT blob " + blob.digest());
    }

    public void pushManifest(ImageRef ref, String reference, String mediaType, byte[] bytes) {
        HttpResponse<byte[]> response = http.send(ref, "pull,push", request(ref, "manifests/" + reference).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), HttpResponse.BodyHandlers.ofByteArray());
        check(response, 201, "PUT manifest " + reference);
    }

    /** Asks {@code /v2/} with the host's login: what {@code kraft login} checks before storing one. */
    public void checkLogin(ImageRef anyRepository) {
        HttpResponse<byte[]> response = http.send(anyRepository, "pull", http.request(http.base(anyRepository)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response, 200, "GET /v2/");
    }

    private HttpRequest.Builder request(ImageRef ref, String path) {
        return http.request(http.base(ref).resolve(ref.repository() + "/" + path));
    }

    private static byte[] body(HttpResponse<InputStream> response, int max, String what, Duration timeout) {
        check(response, 200, what);
        try (InputStream in = SourceStream.network(response.body(), timeout)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new KraftException(ExitCode.VERIFY_FAILED, what + ": larger than " + max + " bytes; refused");
            }
            return bytes;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FETCH_FAILED, what + ": broke off: " + e.getMessage(), e);
        }
    }

    /** An unexpected status is one line with the registry's own error code and message, when it sent one. */
    private static void check(HttpResponse<?> response, int expected, String what) {
        if (response.statusCode() == expected) {
            return;
        }
        String detail = "";
        if (response.body() instanceof byte[] bytes) {
            detail = describe(bytes);
        } else {
            RegistryHttp.close(response);
        }
        throw new KraftException(ExitCode.FETCH_FAILED, what + " at " + response.uri() + ": HTTP " + response.statusCode() + detail);
    }

    /** Distribution's error body, {@code {"errors":[{"code":…,"message":…}]}}, as {@code : CODE message}. */
    private static String describe(byte[] body) {
        try {
            StringBuilder text = new StringBuilder();
            OciJson.MAPPER.readTree(body).path("errors").forEach(e ->
                    text.append(": ").append(e.path("code").asText()).append(' ').append(e.path("message").asText()));
            return text.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
