package dev.kraft.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * How often a download is tried again, and after how long: a connection reset, a stall, a
 * registry that says 429 or 503 get another attempt after a doubling delay (or the server's
 * {@code Retry-After}, within reason); a host that does not exist or refuses connections, a
 * certificate nobody trusts, a 404 do not, since trying again would only make the user wait.
 *
 * @param attempts  tries in a row without a byte of progress before giving up (1: no retries)
 * @param firstWait the wait after the first failure, doubled after each further one
 * @param maxWait   the longest wait, {@code Retry-After} included
 */
public record Retry(int attempts, Duration firstWait, Duration maxWait) {
    /** What kraft's downloads use: five tries, waiting 0.5, 1, 2 and 4 s (a server may ask for up to a minute). */
    public static final Retry DOWNLOADS = new Retry(5, Duration.ofMillis(500), Duration.ofSeconds(60));

    public static final Retry ONCE = new Retry(1, Duration.ZERO, Duration.ZERO);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    /** A server's answer that says "not now" (429, or a 5xx of a server that may recover): worth another attempt. */
    public static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Duration> retryAfter;

        public Busy(String message, Optional<Duration> retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /** Whether a status says "try again later": 429, 500, 502, 503, 504. */
    public static boolean busy(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** The failure a busy answer is: {@code HTTP 503}, with the server's Retry-After (seconds) if it sent one. */
    public static Busy busy(HttpResponse<?> response) {
        Optional<Duration> after = response.headers()
                .firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())));
        return new Busy("HTTP " + response.statusCode(), after);
    }

    /** Whether another attempt may go better: not for a host that cannot be reached ({@link Network}), nor a TLS trust problem. */
    public static boolean worthRetrying(IOException e) {
        if (Network.unreachable(e).isPresent()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLHandshakeException) {
                return false;
            }
        }
        return true;
    }

    /** The wait after the n-th failure in a row (1-based). */
    Duration wait(int failures, IOException failure) {
        if (failure instanceof Busy busy && busy.retryAfter().isPresent()) {
            Duration asked = busy.retryAfter().get();
            return asked.compareTo(maxWait) > 0 ? maxWait : asked;
        }
        Duration backoff = firstWait.multipliedBy(1L << Math.min(failures - 1, 20));
        Duration cap = MAX_BACKOFF.compareTo(maxWait) < 0 ? MAX_BACKOFF : maxWait;
        return backoff.compareTo(cap) > 0 ? cap : backoff;
    }
}
