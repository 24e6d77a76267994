package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's containerd, started by a test with its own config, root, state and socket under a
 * temp dir (no systemd, no /etc/containerd), and stopped again; {@code ctr} talks to it. Its
 * environment is what the runtimes it starts get: TCG only, and a HOME of its own, so no
 * developer's config.yaml decides anything.
 */
final class Containerd implements AutoCloseable {
    private final Path dir;
    private final Process daemon;

    private Containerd(Path dir, Process daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    static Containerd start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("home"));
        Path config = Files.writeString(dir.resolve("config.toml"), """
                version = 2
                root = "%1$s/root"
                state = "%1$s/state"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%1$s/containerd.sock"
                [ttrpc]
                  address = "%1$s/containerd.sock.ttrpc"
                """.formatted(dir));
        ProcessBuilder builder = new ProcessBuilder("containerd", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("containerd.log").toFile());
        builder.environment().put("KRAFTKIT_DISABLE_ACCELERATION", "1");
        builder.environment().put("HOME", dir.resolve("home").toString());
        Containerd containerd = new Containerd(dir, builder.start());
        for (int i = 0; i < 200; i++) {
            if (containerd.ctr("version").exit() == 0) {
                return containerd;
            }
            if (!containerd.daemon.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        containerd.close();
        throw new AssertionError("containerd did not start: " + Files.readString(dir.resolve("containerd.log")));
    }

    Path dir() {
        return dir;
    }

    KraftCli.Result ctr(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(
                List.of("ctr", "--address", dir.resolve("containerd.sock").toString()));
        argv.addAll(List.of(args));
        return KraftCli.Result.of(argv, dir, Map.of("PATH", System.getenv("PATH")), dir, 120);
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor();
        }
    }
}
