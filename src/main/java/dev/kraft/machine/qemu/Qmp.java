package dev.kraft.machine.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QEMU Machine Protocol client for the few commands kraft sends ({@code stop}, {@code cont},
 * {@code quit}, {@code query-status}): connect, leave capabilities negotiation, run one command,
 * read its answer (skipping asynchronous events).
 */
final class Qmp {
    private static final long TIMEOUT_SECONDS = 5;
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");

    private Qmp() {}

    /** The VM's run state ({@code running}, {@code paused}, {@code internal-error}, {@code guest-panicked}, …). */
    static String status(Path socket) throws IOException {
        Matcher status = STATUS.matcher(execute(socket, "query-status"));
        if (!status.find()) {
            throw new IOException("QEMU answered query-status without a status");
        }
        return status.group(1);
    }

    static String execute(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // A QEMU that stopped answering must not hang kraft: closing the channel ends a blocked read.
            CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> closeQuietly(channel));
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            in.readLine();
            send(out, "qmp_capabilities");
            answer(in);
            send(out, command);
            return answer(in);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already closed, which is all that was wanted.
        }
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String answer(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
        throw new IOException("QEMU closed the control socket");
    }
}
