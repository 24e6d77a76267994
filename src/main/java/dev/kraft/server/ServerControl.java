package dev.kraft.server;

import dev.kraft.support.Env;
import dev.kraft.support.Executables;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What {@code kraft server start}, {@code status} and {@code stop} do to the server of a data directory. */
public final class ServerControl {
    /** A JVM with a cold cache may take seconds to start; one that takes this long will not serve. */
    private static final Duration READY = Duration.ofSeconds(60);

    private static final Duration STOPS = Duration.ofSeconds(10);

    private final ServerDir dir;
    private final Env env;

    public ServerControl(ServerDir dir, Env env) {
        this.dir = dir;
        this.env = env;
    }

    public record Started(long pid, boolean already, Path log) {}

    /**
     * Starts {@code kraft server run} in its own session (setsid, when there is one), with this
     * JVM's options, this environment, stdin from /dev/null and output appended to the log;
     * returns once it has written its pid, or says why it did not.
     */
    public Started start(Path jar, Duration idle) throws IOException, InterruptedException {
        dir.prepare();
        Optional<ServerState> running = status();
        if (running.isPresent()) {
            return new Started(running.get().pid(), true, dir.logFile());
        }
        List<String> argv = new ArrayList<>();
        Executables.find("setsid", env.vars()).ifPresent(setsid -> argv.add(setsid.toString()));
        ProcessHandle.Info self = ProcessHandle.current().info();
        argv.add(self.command()
                .orElseThrow(() -> new KraftException(ExitCode.STATE, "cannot tell which java runs kraft")));
        List<String> options = self.arguments().map(List::of).orElse(List.of());
        // bin/kraft's options but C1-only (the optimising compiler pays off in a JVM that lives for
        // hours); and a resident JVM gives back the heap a build grew once idle for a minute.
        options.subList(0, Math.max(0, options.indexOf("-jar"))).stream()
                .filter(option -> !option.startsWith("-XX:TieredStopAtLevel="))
                .forEach(argv::add);
        argv.add("-XX:G1PeriodicGCInterval=60000");
        argv.addAll(List.of("-jar", jar.toString(), "server", "run", "--idle", idle.toSeconds() + "s"));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(Path.of("/").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env.vars());
        Process server = builder.start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            // Its state file, not its lock: trying the lock here could keep the starting server from it.
            Optional<ServerState> state = ServerState.read(dir.stateFile());
            if (state.isPresent() && state.get().pid() == server.pid() && Files.exists(dir.pidFile())) {
                return new Started(server.pid(), false, dir.logFile());
            }
            if (server.waitFor(20, TimeUnit.MILLISECONDS)) {
                throw new KraftException(
                        ExitCode.FAILURE,
                        "the build server exited (" + server.exitValue() + ") before serving; see " + dir.logFile());
            }
        }
        server.destroy();
        throw new KraftException(
                ExitCode.FAILURE,
                "the build server did not start within " + READY.toSeconds() + " s; see " + dir.logFile());
    }

    /** The running server's state; empty when none runs (its lock is free). */
    public Optional<ServerState> status() throws IOException {
        if (!Files.isDirectory(dir.path())) {
            return Optional.empty();
        }
        dir.check();
        Optional<FileLock> free = FileLock.tryAcquire(dir.lockFile());
        if (free.isPresent()) {
            free.get().close();
            return Optional.empty();
        }
        return ServerState.read(dir.stateFile());
    }

    /** Stops the server (SIGTERM, then SIGKILL after a while); its pid, or empty when none ran. */
    public Optional<Long> stop() throws IOException, InterruptedException {
        Optional<ServerState> state = status();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        long pid = state.get().pid();
        Optional<ProcessHandle> server = ProcessHandle.of(pid)
                .filter(p ->
                        p.info().arguments().map(List::of).orElse(List.of()).containsAll(List.of("server", "run")));
        if (server.isEmpty()) {
            throw new KraftException(
                    ExitCode.STATE,
                    "the build server's pid " + pid + " is not a kraft server; " + "remove " + dir.path()
                            + " if no kraft server runs");
        }
        server.get().destroy();
        try {
            server.get().onExit().get(STOPS.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            server.get().destroyForcibly();
            server.get().onExit().join();
        }
        return Optional.of(pid);
    }
}
