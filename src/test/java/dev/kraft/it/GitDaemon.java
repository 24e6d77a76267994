package dev.kraft.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real {@code git daemon} on 127.0.0.1 exporting every repository under one directory (git:// URLs). */
final class GitDaemon implements AutoCloseable {
    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static GitDaemon serve(Path base) throws IOException, InterruptedException {
        int port = Ports.free();
        Process process = new ProcessBuilder(
                        "git",
                        "daemon",
                        "--reuseaddr",
                        "--export-all",
                        "--listen=127.0.0.1",
                        "--port=" + port,
                        "--base-path=" + base,
                        base.toString())
                .redirectErrorStream(true)
                .redirectOutput(base.resolveSibling("git-daemon.log").toFile())
                .start();
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            if (Ports.listening(port)) {
                return new GitDaemon(process, port);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("git daemon did not start on port " + port);
    }

    /** The git:// URL of a repository under the base directory. */
    String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
