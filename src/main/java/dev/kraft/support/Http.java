package dev.kraft.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

/**
 * Reads {@code http(s)://} and {@code file:} URLs, streaming bodies to a file while hashing
 * them. Every failure is one line naming the URL: an unreachable host, a status other than
 * 200, a body cut short (by a closed connection or against its Content-Length), a body over
 * the size cap. Redirects are followed, but never from https to http.
 */
public final class Http {
    private static final int BUFFER = 64 * 1024;
    private final Duration timeout;
    private HttpClient client;

    public Http(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Made at the first request: setting up the client (its TLS context above all) costs ~200 ms,
     * which a build whose components are all cached must not pay.
     */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /** What a download wrote: its size and SHA-256. */
    public record Download(long size, String sha256) {
    }

    /** The whole body, at most maxBytes of it. */
    public byte[] get(URI url, long maxBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy(url, bytes, maxBytes, Digests.sha256());
        return bytes.toByteArray();
    }

    /** Writes the body to file, replacing what it held. */
    public Download download(URI url, Path file, long maxBytes) {
        MessageDigest digest = Digests.sha256();
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long size = copy(url, out, maxBytes, digest);
            return new Download(size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Streams the body into out and the digest; a stall longer than the timeout is an error, not a hang. */
    private long copy(URI url, OutputStream out, long maxBytes, MessageDigest digest) {
        long size = 0;
        try (SourceStream body = SourceStream.network(open(url), timeout)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = body.read(buffer)) >= 0;) {
                size += n;
                if (size > maxBytes) {
                    throw new KraftException(ExitCode.FETCH_FAILED, url + ": larger than " + maxBytes + " bytes; refused");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            return size;
        } catch (SourceStream.Failure e) {
            throw new KraftException(ExitCode.FETCH_FAILED, "download of " + url + " broke off after " + e.bytesRead() + " bytes: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw size > 0 ? new KraftException(ExitCode.FAILURE, "cannot write the download of " + url + ": " + Network.reason(e), e)
                    : failure(url, e);
        }
    }

    private InputStream open(URI url) throws IOException {
        String scheme = String.valueOf(url.getScheme());
        if (scheme.equals("file")) {
            return Files.newInputStream(Path.of(url));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new KraftException(ExitCode.FETCH_FAILED, url + ": only http, https and file URLs can be fetched");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", "kraft").GET().build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new KraftException(ExitCode.FETCH_FAILED, "GET " + url + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while fetching " + url);
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
