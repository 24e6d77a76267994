package dev.kraft.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads {@code http(s)://} and {@code file:} URLs, streaming bodies to a file while hashing
 * them. A broken connection, a stall or a "not now" (429, 503) is tried again as {@link Retry}
 * says, resuming with a range when the server can say the content is the same
 * ({@link ResumingStream}). Every failure is one line naming the URL: an unreachable host, a
 * status other than 200, a body cut short for good, a body over the size cap. Redirects are
 * followed, but never from https to http.
 */
public final class Http {
    private static final int BUFFER = 64 * 1024;
    private final Duration timeout;
    private final Retry retry;
    private final Notices notices;
    private HttpClient client;

    /** @param notices where retries are said and downloads show their progress */
    public Http(Duration timeout, Retry retry, Notices notices) {
        this.timeout = timeout;
        this.retry = retry;
        this.notices = notices;
    }

    /**
     * Made at the first request: setting up the client (its TLS context above all) costs ~200 ms,
     * which a build whose components are all cached must not pay.
     */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /** What a download wrote: its size and SHA-256. */
    public record Download(long size, String sha256) {}

    /** The whole body, at most maxBytes of it. */
    public byte[] get(URI url, long maxBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy(url, bytes, maxBytes, Digests.sha256(), Progress.NONE);
        return bytes.toByteArray();
    }

    /** Writes the body to file, replacing what it held, showing its progress under the label ({@code lib/musl 1.2.3}). */
    public Download download(URI url, Path file, long maxBytes, String label) {
        MessageDigest digest = Digests.sha256();
        try (OutputStream out = Files.newOutputStream(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                Progress progress = notices.progress().start("downloading " + label, Progress.Unit.BYTES)) {
            long size = copy(url, out, maxBytes, digest, progress);
            return new Download(size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams the body into out and the digest; a stall longer than the timeout is an error, not a hang. */
    private long copy(URI url, OutputStream out, long maxBytes, MessageDigest digest, Progress progress) {
        long size = 0;
        try (InputStream body = open(url, progress)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new KraftException(
                            ExitCode.FETCH_FAILED, url + ": larger than " + maxBytes + " bytes; refused");
                }
                digest.update(buffer, 0, n);
                write(out, buffer, n);
            }
            return size;
        } catch (UncheckedIOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot write the download of " + url + ": " + Network.reason(e), e);
        } catch (SourceStream.Failure e) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED,
                    e.bytesRead() == 0
                            ? "GET " + url + ": " + e.getMessage()
                            : "download of " + url + " broke off after " + e.bytesRead() + " bytes: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw failure(url, e);
        }
    }

    private static void write(OutputStream out, byte[] buffer, int n) {
        try {
            out.write(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(URI url, Progress progress) throws IOException {
        String scheme = String.valueOf(url.getScheme());
        if (scheme.equals("file")) {
            return SourceStream.of(Files.newInputStream(Path.of(url)));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new KraftException(ExitCode.FETCH_FAILED, url + ": only http, https and file URLs can be fetched");
        }
        return new ResumingStream("GET " + url, new Remote(url), retry, notices.warn(), progress);
    }

    /** One URL's body from an offset on; the content is known to be the same when its first answer had a validator. */
    private final class Remote implements ResumingStream.Opener {
        private final URI url;
        private Optional<String> validator = Optional.empty();

        Remote(URI url) {
            this.url = url;
        }

        @Override
        public ResumingStream.Opened open(long offset) throws IOException {
            HttpRequest request = ResumingStream.from(
                            HttpRequest.newBuilder(url)
                                    .timeout(timeout)
                                    .header("User-Agent", "kraft")
                                    .GET(),
                            offset,
                            validator)
                    .build();
            try {
                HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status != 200 && status != 206) {
                    response.body().close();
                    if (Retry.busy(status)) {
                        throw Retry.busy(response);
                    }
                    throw new KraftException(ExitCode.FETCH_FAILED, "GET " + url + ": HTTP " + status);
                }
                if (offset == 0) {
                    validator = ResumingStream.validator(response);
                }
                boolean same = validator.isPresent() && validator.equals(ResumingStream.validator(response));
                return ResumingStream.positioned(response, offset, same, timeout, "GET " + url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KraftException(ExitCode.INTERRUPTED, "interrupted while fetching " + url);
            }
        }

        @Override
        public boolean resumable() {
            return validator.isPresent();
        }
    }

    private static KraftException failure(URI url, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new KraftException(ExitCode.NOT_FOUND, url + ": no such file", e);
        }
        if (Network.unreachable(e).isPresent()) {
            return Network.unreachable(Network.host(url.toString()), "to fetch " + url, e);
        }
        return new KraftException(ExitCode.FETCH_FAILED, "cannot fetch " + url + ": " + Network.reason(e), e);
    }
}
