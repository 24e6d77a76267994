package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on a free loopback port, running as the current user, with a host key and
 * authorized_keys of its own in a temp directory; git's upload-pack serves repositories by path.
 */
final class SshServer implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final int port;

    private SshServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static SshServer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // sshd refuses to start without its privilege separation directory, which only its package's service creates.
        Files.createDirectories(Path.of("/run/sshd"));
        keygen(dir.resolve("host_key"));
        Files.createFile(dir.resolve("authorized_keys"));
        for (int attempt = 0; ; attempt++) {
            int port = Ports.free();
            Path config = Files.writeString(
                    dir.resolve("sshd_config"),
                    String.join(
                            "\n",
                            "ListenAddress 127.0.0.1:" + port,
                            "HostKey " + dir.resolve("host_key"),
                            "PidFile " + dir.resolve("sshd.pid"),
                            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                            "UsePAM no",
                            "StrictModes no",
                            "PermitRootLogin prohibit-password",
                            "PasswordAuthentication no",
                            "KbdInteractiveAuthentication no",
                            ""));
            Path log = dir.resolve("sshd.log");
            Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            for (int i = 0; i < 100 && process.isAlive(); i++) {
                if (Files.readString(log).contains("Server listening")) {
                    return new SshServer(dir, process, port);
                }
                Thread.sleep(100);
            }
            process.destroyForcibly().waitFor();
            if (attempt == 2) {
                throw new AssertionError("sshd did not start: " + Files.readString(log));
            }
        }
    }

    int port() {
        return port;
    }

    /** Lets the key pair at {@code privateKey} (its .pub beside it) log in. */
    void authorize(Path privateKey) throws IOException {
        Files.writeString(
                dir.resolve("authorized_keys"),
                Files.readString(Path.of(privateKey + ".pub")),
                StandardOpenOption.APPEND);
    }

    /** The line a known_hosts file holds for this server, as ssh writes it. */
    String knownHostsLine() throws IOException {
        String[] key = Files.readString(dir.resolve("host_key.pub")).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n";
    }

    /** A fresh ed25519 key pair without a passphrase at {@code path} and {@code path.pub}. */
    static Path keygen(Path path) throws IOException, InterruptedException {
        Files.createDirectories(path.getParent());
        Process keygen = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kraft-test", "-f", path.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new AssertionError("ssh-keygen failed for " + path);
        }
        return path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
