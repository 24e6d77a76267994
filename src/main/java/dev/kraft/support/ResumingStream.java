package dev.kraft.support;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a download that survives a broken connection: when a read fails (a reset, a
 * stall, a body cut short) or the server answers "not now", it waits as {@link Retry} says
 * and asks again for the rest only ({@code Range: bytes=N-}), so the reader sees one stream.
 * A server that ignores the range resends from the start, and the bytes already read are
 * skipped; one whose content changed in between (its validator, {@code If-Range}, no longer
 * matches) fails the download rather than splice two versions. The reader (a digest check, a
 * size cap) never knows there was more than one connection. Reports every byte to a
 * {@link Progress}.
 */
public final class ResumingStream extends InputStream {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private final String what;
    private final Opener opener;
    private final Retry retry;
    private final Consumer<String> retrying;
    private final Progress progress;
    private InputStream current;
    private long offset;
    private long length = -1;
    private long progressAtLastFailure = -1;
    private int failures;

    /** Opens the body from an offset: the whole of it at 0, the rest after a failure. */
    @FunctionalInterface
    public interface Opener {
        Opened open(long offset) throws IOException;

        /** Whether the rest may be asked for after a failure: only when the server can say the content did not change. */
        default boolean resumable() {
            return true;
        }
    }

    /** A body positioned at the asked offset, and the length of the whole (-1 when the server did not say). */
    public record Opened(InputStream body, long length) {}

    /**
     * @param what     what is downloaded, for messages ({@code GET https://…})
     * @param retrying where to say that an attempt failed and another follows
     * @param progress told each byte; closed by the caller
     */
    public ResumingStream(String what, Opener opener, Retry retry, Consumer<String> retrying, Progress progress) {
        this.what = what;
        this.opener = opener;
        this.retry = retry;
        this.retrying = retrying;
        this.progress = progress;
    }

    /** The bytes delivered so far. */
    public long offset() {
        return offset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int from, int count) throws IOException {
        while (true) {
            try {
                if (current == null) {
                    if (length >= 0 && offset >= length) {
                        return -1;
                    }
                    Opened opened = opener.open(offset);
                    current = opened.body();
                    length = opened.length();
                }
                int n = current.read(buffer, from, count);
                if (n > 0) {
                    offset += n;
                    progress.update(offset, length);
                } else if (n < 0 && length >= 0 && offset < length) {
                    throw new EOFException("the connection closed after " + offset + " of " + length + " bytes");
                }
                return n;
            } catch (IOException e) {
                closeCurrent();
                failed(e);
            }
        }
    }

    /**
     * Counts a failure (the count starts again after progress) and waits, or gives up: with the
     * failure itself when no attempt could help (an unreachable host), else with a
     * {@link SourceStream.Failure} that says how far the download got and how often it was tried.
     */
    private void failed(IOException e) throws IOException {
        if (!Retry.worthRetrying(e)) {
            throw e;
        }
        failures = offset > progressAtLastFailure ? 1 : failures + 1;
        progressAtLastFailure = offset;
        if (failures >= retry.attempts() || offset > 0 && !opener.resumable()) {
            throw new SourceStream.Failure(why(e) + (failures > 1 ? " (tried " + failures + " times)" : ""), offset, e);
        }
        Duration wait = retry.wait(failures, e);
        retrying.accept(what + ": " + why(e) + (offset > 0 ? " after " + offset + " bytes" : "") + "; trying again in "
                + (wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s"));
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while waiting to try a download again");
        }
    }

    /** A stall or cut already says what happened; anything else, its innermost message. */
    private static String why(IOException e) {
        return e instanceof SourceStream.Failure || e instanceof Retry.Busy ? e.getMessage() : Network.reason(e);
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // The connection is dropped; a new one follows.
            }
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    /** Asks for the bytes from offset on, when there are some already, and only of the same content when its validator is known. */
    public static HttpRequest.Builder from(HttpRequest.Builder request, long offset, Optional<String> validator) {
        if (offset > 0) {
            request.setHeader("Range", "bytes=" + offset + "-");
            validator.ifPresent(v -> request.setHeader("If-Range", v));
        }
        return request;
    }

    /** A strong ETag, else Last-Modified: what {@code If-Range} may carry to make sure a resumed body is the same content. */
    public static Optional<String> validator(HttpResponse<?> response) {
        return response.headers()
                .firstValue("ETag")
                .filter(tag -> !tag.startsWith("W/"))
                .or(() -> response.headers().firstValue("Last-Modified"));
    }

    /**
     * The body of a 200 or 206 answer to {@link #from}, positioned at the offset, each read
     * watched for stalls; the caller has turned other statuses into failures already.
     *
     * @param sameContent whether a full answer (200) to a range is the content read so far, from a
     *                    server that does not do ranges: always for a blob named by its digest,
     *                    when the validator did not change for a file
     */
    public static Opened positioned(
            HttpResponse<InputStream> response, long offset, boolean sameContent, Duration idle, String what)
            throws IOException {
        SourceStream body = SourceStream.network(response.body(), idle);
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (response.statusCode() == 206) {
            Matcher range = CONTENT_RANGE.matcher(
                    response.headers().firstValue("Content-Range").orElse(""));
            if (!range.matches() || Long.parseLong(range.group(1)) != offset) {
                body.close();
                throw new KraftException(
                        ExitCode.FETCH_FAILED,
                        what + ": the server sent another range than asked ("
                                + response.headers().firstValue("Content-Range").orElse("none") + ")");
            }
            return new Opened(body, range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3)));
        }
        if (offset > 0 && !sameContent) {
            body.close();
            throw new KraftException(
                    ExitCode.FETCH_FAILED, what + ": the content changed while it was downloading; run again");
        }
        byte[] skipped = new byte[64 * 1024];
        for (long left = offset; left > 0; ) {
            int n = body.read(skipped, 0, (int) Math.min(skipped.length, left));
            if (n < 0) {
                body.close();
                throw new EOFException("the connection closed before the " + offset + " bytes already read");
            }
            left -= n;
        }
        return new Opened(body, declared);
    }
}
