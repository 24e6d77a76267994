package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.support.Progress;
import dev.kraft.support.ResumingStream;
import dev.kraft.support.Retry;
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
import java.util.concurrent.atomic.AtomicReference;
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

    private static final String ACCEPT = String.join(
            ", ",
            Descriptor.INDEX,
            Descriptor.MANIFEST,
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private final RegistryHttp http;
    private final Retry retry;
    private final Notices notices;

    /**
     * @param retry   how often a manifest or blob is asked for again after a failure (a blob resumes where it broke off)
     * @param notices where retries are said and blobs show their progress
     */
    public RegistryClient(
            SSLContext tls,
            Set<String> insecureHosts,
            Duration timeout,
            RegistryAuth.Credentials credentials,
            Retry retry,
            Notices notices) {
        this.http = new RegistryHttp(tls, insecureHosts, timeout, credentials);
        this.retry = retry;
        this.notices = notices;
    }

    /** A manifest or index as the registry sent it, with the digest it claimed in Docker-Content-Digest, if any. */
    public record Fetched(byte[] bytes, String mediaType, Optional<String> claimedDigest) {}

    /** A manifest by tag or digest; asked again after a failure, from the start (only a digest names content that cannot move). */
    public Fetched manifest(ImageRef ref, String reference) {
        String what = "GET manifest " + reference;
        AtomicReference<Response> last = new AtomicReference<>();
        ResumingStream.Opener opener = offset -> {
            HttpResponse<InputStream> response = open(ref, "manifests/" + reference, offset, what, true);
            last.set(new Response(
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Docker-Content-Digest")));
            return ResumingStream.positioned(response, offset, reference.startsWith("sha256:"), http.timeout(), what);
        };
        try (InputStream in =
                new ResumingStream(what + " from " + ref.registry(), opener, retry, notices.warn(), Progress.NONE)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                throw new KraftException(
                        ExitCode.VERIFY_FAILED, what + ": larger than " + MAX_MANIFEST + " bytes; refused");
            }
            return new Fetched(bytes, last.get().contentType(), last.get().claimedDigest());
        } catch (SourceStream.Failure e) {
            throw failure(ref, what, -1, e);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED, what + " from " + ref.registry() + ": " + e.getMessage(), e);
        }
    }

    /** What the last answer to a manifest request said about its body. */
    private record Response(String contentType, Optional<String> claimedDigest) {}

    /**
     * Streams a blob to the sink, which must check what it gets: the registry's word is not proof.
     * A registry that stalls or cuts the blob off is asked for the rest (a blob is named by its
     * digest, so the rest is the same content), and, when it keeps failing, is an error naming
     * the blob, not a hang.
     */
    public void blob(ImageRef ref, Descriptor blob, BlobSink sink) throws IOException {
        String what = "GET blob " + blob.digest();
        ResumingStream.Opener opener = offset -> ResumingStream.positioned(
                open(ref, "blobs/" + blob.digest(), offset, what, false), offset, true, http.timeout(), what);
        try (Progress progress = notices.progress()
                        .start("pulling " + ref.name() + "@" + blob.digest().substring(0, 19), Progress.Unit.BYTES);
                ResumingStream in =
                        new ResumingStream(what + " from " + ref.registry(), opener, retry, notices.warn(), progress)) {
            sink.accept(in);
        } catch (SourceStream.Failure e) {
            throw failure(ref, what, blob.size(), e);
        }
    }

    /**
     * A GET from offset on, its answer 200 or 206; a "not now" (429, 503) is an IOException the
     * caller may try again after, any other answer a failure.
     */
    private HttpResponse<InputStream> open(ImageRef ref, String path, long offset, String what, boolean manifest)
            throws IOException {
        HttpRequest.Builder request = ResumingStream.from(request(ref, path).GET(), offset, Optional.empty());
        if (manifest) {
            request.header("Accept", ACCEPT);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.exchange(ref, "pull", request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            if (Retry.worthRetrying(e)) {
                throw e;
            }
            throw RegistryHttp.failure(request.build(), e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            return response;
        }
        if (Retry.busy(status)) {
            RegistryHttp.close(response);
            throw Retry.busy(response);
        }
        if (manifest && status == 404) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    ref.name() + ":" + path.substring("manifests/".length()) + " is not in the registry "
                            + ref.registry());
        }
        throw unexpected(response, what);
    }

    /** A request given up on: nothing came ("HTTP 503 (tried 5 times)"), or the body broke off for good (of size bytes, when known). */
    private static KraftException failure(ImageRef ref, String what, long size, SourceStream.Failure e) {
        return new KraftException(
                ExitCode.FETCH_FAILED,
                what + " from " + ref.registry()
                        + (e.bytesRead() == 0
                                ? ": "
                                : " broke off after " + e.bytesRead() + (size < 0 ? "" : " of " + size) + " bytes: ")
                        + e.getMessage(),
                e);
    }

    /** Receives a blob's bytes. */
    @FunctionalInterface
    public interface BlobSink {
        void accept(InputStream in) throws IOException;
    }

    public boolean hasBlob(ImageRef ref, Descriptor blob) {
        HttpResponse<Void> response = http.send(
                ref,
                "pull,push",
                request(ref, "blobs/" + blob.digest()).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    public void pushBlob(ImageRef ref, Descriptor blob, Path file) throws FileNotFoundException {
        HttpResponse<byte[]> started = http.send(
                ref,
                "pull,push",
                request(ref, "blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray());
        check(started, 202, "POST upload for " + blob.digest());
        String location = started.headers()
                .firstValue("Location")
                .orElseThrow(() -> new KraftException(
                        ExitCode.FETCH_FAILED, ref.registry() + " started an upload without a Location"));
        URI upload = http.base(ref).resolve(location);
        URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + blob.digest());
        HttpResponse<byte[]> done = http.send(
                ref,
                "pull,push",
                http.request(put)
                        .timeout(UPLOAD)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file)),
                HttpResponse.BodyHandlers.ofByteArray());
        check(done, 201, "PUT blob " + blob.digest());
    }

    public void pushManifest(ImageRef ref, String reference, String mediaType, byte[] bytes) {
        HttpResponse<byte[]> response = http.send(
                ref,
                "pull,push",
                request(ref, "manifests/" + reference)
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response, 201, "PUT manifest " + reference);
    }

    /** Asks {@code /v2/} with the host's login: what {@code kraft login} checks before storing one. */
    public void checkLogin(ImageRef anyRepository) {
        HttpResponse<byte[]> response = http.send(
                anyRepository,
                "pull",
                http.request(http.base(anyRepository)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response, 200, "GET /v2/");
    }

    private HttpRequest.Builder request(ImageRef ref, String path) {
        return http.request(http.base(ref).resolve(ref.repository() + "/" + path));
    }

    private static void check(HttpResponse<?> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw unexpected(response, what);
        }
    }

    /** An unexpected status is one line with the registry's own error code and message, when it sent one. */
    private static KraftException unexpected(HttpResponse<?> response, String what) {
        String detail = "";
        if (response.body() instanceof byte[] bytes) {
            detail = describe(bytes);
        } else {
            RegistryHttp.close(response);
        }
        return new KraftException(
                ExitCode.FETCH_FAILED, what + " at " + response.uri() + ": HTTP " + response.statusCode() + detail);
    }

    /** Distribution's error body, {@code {"errors":[{"code":…,"message":…}]}}, as {@code : CODE message}. */
    private static String describe(byte[] body) {
        try {
            StringBuilder text = new StringBuilder();
            OciJson.MAPPER
                    .readTree(body)
                    .path("errors")
                    .forEach(e -> text.append(": ")
                            .append(e.path("code").asText())
                            .append(' ')
                            .append(e.path("message").asText()));
            return text.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
