package dev.kraft.server;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client's stdout and stderr: the request's FIFOs {@code out} and {@code err}, opened for
 * writing. Opening a FIFO waits for its reader; a client that never comes (it died after asking)
 * must not hold the server, so each open is bounded, and one that times out is completed by
 * opening the reading end here, then given up.
 */
final class ClientStreams implements AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;

    private ClientStreams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static ClientStreams open(Path request, Duration timeout) throws IOException {
        PrintStream out = openFifo(request.resolve("out"), timeout);
        try {
            return new ClientStreams(out, openFifo(request.resolve("err"), timeout));
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    private static PrintStream openFifo(Path fifo, Duration timeout) throws IOException {
        CompletableFuture<OutputStream> opening = CompletableFuture.supplyAsync(() -> {
            try {
                // A FileOutputStream, not a channel: a cancelled build's thread is interrupted, which
                // would close a channel before the build's last words reach the client. The FIFO was
                // checked not to be a link, and only this user may touch the directory.
                return new FileOutputStream(fifo.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            OutputStream stream = opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new PrintStream(new BufferedOutputStream(stream), true, StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            try (InputStream unblock = Files.newInputStream(fifo, LinkOption.NOFOLLOW_LINKS)) {
                opening.join().close();
            }
            throw new IOException(
                    "the client did not open " + fifo.getFileName() + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException("cannot open " + fifo + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + fifo, e);
        }
    }

    @Override
    public void close() {
        out.close();
        err.close();
    }
}
