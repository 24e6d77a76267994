package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real registry for tests: Debian's docker-registry (CNCF distribution) on 127.0.0.1, its data and log in a directory. */
final class Registry {
    private Registry() {}

    /**
     * Starts it on the port with {@code extra} appended to its config (TLS, auth) and waits until
     * it listens; the caller stops the process.
     */
    static Process start(Path dir, int port, String extra) throws IOException, InterruptedException {
        String config = "version: 0.1\nlog: { level: warn }\nstorage:\n  filesystem: { rootdirectory: "
                + dir.resolve("registry-data") + " }\n  delete: { enabled: true }\nhttp:\n  addr: 127.0.0.1:" + port
                + "\n  secret: test-only\n" + extra;
        Path file = Files.writeString(dir.resolve(extra.isEmpty() ? "registry.yml" : "registry-tls.yml"), config);
        Process registry = new ProcessBuilder("docker-registry", "serve", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            if (Ports.listening(port)) {
                return registry;
            }
            if (!registry.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        registry.destroyForcibly();
        throw new AssertionError(
                "docker-registry did not listen on " + port + ": " + Files.readString(dir.resolve("registry.log")));
    }

    /** Stops a registry the test started, waiting for it to go. */
    static void stop(Process registry) throws InterruptedException {
        registry.destroy();
        if (!registry.waitFor(10, TimeUnit.SECONDS)) {
            registry.destroyForcibly().waitFor();
        }
    }
}
