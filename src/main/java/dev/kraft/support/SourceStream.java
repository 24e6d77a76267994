package dev.kraft.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The stream kraft reads a download or an archive from: it counts what it delivered, fails
 * when a network source stalls (the JDK's HTTP client times out waiting for headers, never while
 * reading a body, so a server that stalls mid-blob would hang kraft for ever), and throws every
 * read failure as a {@link Failure}, so that callers tell a broken source (exit 8 or 10, named)
 * from a disk that will not take its bytes. A failure's message is never "null".
 */
public final class SourceStream extends FilterInputStream {
    private final IdleGuard guard;
    private final Duration idle;
    private long read;

    /** A read of the source failed: cut short, stalled, corrupt. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final long bytesRead;

        Failure(String reason, long bytesRead, Throwable cause) {
            super(reason, cause);
            this.bytesRead = bytesRead;
        }

        public long bytesRead() {
            return bytesRead;
        }
    }

    private SourceStream(InputStream in, Duration idle) {
        super(in);
        this.idle = idle;
        this.guard = idle == null ? null : new IdleGuard(in, idle);
    }

    /** A stream from the network that fails after {@code idle} without a byte. */
    public static SourceStream network(InputStream in, Duration idle) {
        return new SourceStream(in, idle);
    }

    /** A stream of a file or archive: failures marked, no timer. */
    public static SourceStream of(InputStream in) {
        return new SourceStream(in, null);
    }

    public long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read += n;
                if (guard != null) {
                    guard.progress();
                }
            }
            return n;
        } catch (IOException e) {
            throw new Failure(
                    guard != null && guard.fired() ? "no data for " + idle.toSeconds() + " s" : Network.reason(e),
                    read,
                    e);
        }
    }

    @Override
    public void close() throws IOException {
        if (guard != null) {
            guard.close();
        }
        super.close();
    }
}
