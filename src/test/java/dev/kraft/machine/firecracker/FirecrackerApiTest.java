package dev.kraft.machine.firecracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client against a one-shot Unix socket server that answers as Firecracker does. */
class FirecrackerApiTest {
    private static final FirecrackerConfig.Request START =
            new FirecrackerConfig.Request("PUT", "/actions", "{\"action_type\":\"InstanceStart\"}");

    @TempDir
    Path tmp;

    /** Accepts one connection, reads the request up to its body, answers, and hands back what it read. */
    private CompletableFuture<String> serveOnce(Path socket, String answer) throws IOException {
        ServerSocketChannel server =
                ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server;
                    SocketChannel client = server.accept()) {
                StringBuilder request = new StringBuilder();
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (!request.toString().endsWith("}") && client.read(buffer) > 0) {
                    request.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                    buffer.clear();
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                return request.toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void sendsOneHttpRequestAndAcceptsNoContent() throws Exception {
        Path socket = tmp.resolve("api.sock");
        CompletableFuture<String> seen =
                serveOnce(socket, "HTTP/1.1 204 \r\nServer: Firecracker API\r\nConnection: keep-alive\r\n\r\n");
        new FirecrackerApi(socket).send(START);
        assertEquals(
                "PUT /actions HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 31\r\n\r\n{\"action_type\":\"InstanceStart\"}",
                seen.get());
    }

    @Test
    void aRefusalBecomesTheFaultMessage() throws Exception {
        Path socket = tmp.resolve("api.sock");
        String fault = "{\"fault_message\":\"Start microvm error: cannot open /dev/kvm\"}";
        serveOnce(
                socket,
                "HTTP/1.1 400 \r\nContent-Type: application/json\r\nContent-Length: " + fault.length() + "\r\n\r\n"
                        + fault);
        KraftException e = assertThrows(KraftException.class, () -> new FirecrackerApi(socket).send(START));
        assertEquals(ExitCode.HYPERVISOR_FAILED, e.exitCode());
        assertEquals(
                "Firecracker refused PUT /actions (400): Start microvm error: cannot open /dev/kvm", e.getMessage());
    }

    @Test
    void somethingThatIsNotHttpIsAnIoError() throws Exception {
        Path socket = tmp.resolve("api.sock");
        serveOnce(socket, "hello\n");
        IOException e = assertThrows(IOException.class, () -> new FirecrackerApi(socket).send(START));
        assertEquals("not an HTTP answer: hello", e.getMessage());
    }

    @Test
    void waitingForTheSocketStopsWhenTheProcessDies() throws Exception {
        FirecrackerApi api = new FirecrackerApi(tmp.resolve("never.sock"));
        assertFalse(api.awaitSocket(() -> false, Duration.ofSeconds(5)));
        Path socket = tmp.resolve("api.sock");
        serveOnce(socket, "");
        assertTrue(new FirecrackerApi(socket).awaitSocket(() -> true, Duration.ofSeconds(5)));
    }
}
