package dev.kraft.machine.firecracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTTP/1.1 to drive Firecracker's API, which listens on a Unix socket (the JDK's
 * HttpClient speaks only TCP): one request per connection, a deadline so a stuck hypervisor
 * cannot hang kraft, and Firecracker's {@code fault_message} as the error when it refuses.
 */
final class FirecrackerApi {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] \\d{3}( .*)?");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d{1,9})\\s*");
    private final Path socket;

    FirecrackerApi(Path socket) {
        this.socket = socket;
    }

    /** Waits until the socket accepts connections; false when {@code alive} turns false first. */
    boolean awaitSocket(BooleanSupplier alive, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive.getAsBoolean() && System.nanoTime() < deadline) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return true;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        return false;
    }

    /** Sends one request; a 2xx answer returns, any other throws with Firecracker's reason. */
    void send(FirecrackerConfig.Request request) throws IOException {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        String head = request.method() + " " + request.path() + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // Closing the channel is the one way to end a blocked read on it.
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(
                    () -> close(channel),
                    CompletableFuture.delayedExecutor(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            try {
                ByteBuffer out = ByteBuffer.allocate(head.length() + body.length)
                        .put(head.getBytes(StandardCharsets.US_ASCII))
                        .put(body)
                        .flip();
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                answer(new BufferedInputStream(Channels.newInputStream(channel)), request);
            } catch (IOException e) {
                throw watchdog.isDone()
                        ? new IOException("no answer within " + ANSWER_TIMEOUT.toSeconds() + " s", e)
                        : e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static void answer(InputStream in, FirecrackerConfig.Request request) throws IOException {
        String status = line(in);
        if (!STATUS.matcher(status).matches()) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            Matcher m = CONTENT_LENGTH.matcher(header);
            if (m.matches()) {
                length = Integer.parseInt(m.group(1));
            }
        }
        if (code / 100 == 2) {
            return;
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        String reason = new String(body, StandardCharsets.UTF_8);
        try {
            reason = new ObjectMapper().readTree(body).path("fault_message").asText(reason);
        } catch (IOException notJson) {
            // Shown as it came.
        }
        throw new KraftException(
                ExitCode.HYPERVISOR_FAILED,
                "Firecracker refused " + request.method() + " " + request.path() + " (" + code + "): "
                        + (reason.isBlank() ? status : reason.strip()));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("Firecracker closed the connection mid-answer");
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already closed: the answer came in time.
        }
    }
}
