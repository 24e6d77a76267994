package dev.kraft.server;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.Tty;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The resident kraft: runs the builds clients (bin/kraft) ask for in its directory, one at a
 * time, each with the client's world (cwd, environment, streams), so a rebuild costs no JVM
 * start. A client that finds it busy runs its build directly rather than wait: builds of other
 * projects are independent, and a queue would make a quick build wait for a long one. It
 * watches its directory with the kernel's file notifications (no polling), and ends after an
 * idle time or at the first request after the jar it runs from changed.
 */
public final class BuildServer {
    /** How long a client that asked may take to open its FIFOs (it waits for "accepted" first). */
    private static final Duration CLIENT_OPENS = Duration.ofSeconds(10);

    /** Runs one kraft command line in a world: {@code Kraft::serve}. */
    @FunctionalInterface
    public interface Commands {
        int run(String[] args, Env env);
    }

    private final ServerDir dir;
    private final Path jar;
    private final Duration idle;
    private final Commands commands;
    private final Env env;
    private final PrintStream log;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "kraft-build"));
    private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kraft-cancel");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> seen = new HashSet<>();
    private volatile Running running;
    private volatile Instant lastActivity;
    private volatile ServerState state;
    private String jarStamp;
    private UserPrincipal owner;
    private boolean stopping;

    /** The request being served: cancelling it interrupts its thread and stops every child of the server. */
    private static final class Running {
        final String name;
        final WatchKey cancelKey;
        volatile Thread thread;
        volatile ScheduledFuture<?> stopping;

        Running(String name, WatchKey cancelKey) {
            this.name = name;
            this.cancelKey = cancelKey;
        }
    }

    /** @param env the server's own world: its HOME (JVM-wide library settings follow it), its clock */
    public BuildServer(ServerDir dir, Path jar, Duration idle, Commands commands, Env env, PrintStream log) {
        this.dir = dir;
        this.jar = jar;
        this.idle = idle;
        this.commands = commands;
        this.env = env;
        this.log = log;
    }

    /** Serves until idle, stale or stopped; refuses to start beside another server of this directory. */
    public int run() throws IOException, InterruptedException {
        dir.prepare();
        owner = ServerDir.currentUser();
        Optional<FileLock> lock = FileLock.tryAcquire(dir.lockFile());
        if (lock.isEmpty()) {
            throw new KraftException(ExitCode.STATE, "a build server already runs for " + dir.path());
        }
        Thread cleanup = new Thread(this::shutDown, "kraft-server-exit");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (FileLock held = lock.get();
                WatchService watch = FileSystems.getDefault().newWatchService()) {
            WatchKey requests = dir.path().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            jarStamp = stamp(jar);
            lastActivity = env.clock().instant();
            state = new ServerState(ProcessHandle.current().pid(), lastActivity, jar, 0);
            state.write(dir.stateFile());
            removeLeftovers();
            AtomicFiles.writeString(dir.pidFile(), ProcessHandle.current().pid() + "\n");
            log("serving builds from " + dir.path() + " (jar " + jar + ", idle " + idle + ")");
            while (!stopping) {
                Duration left =
                        idle.minus(Duration.between(lastActivity, env.clock().instant()));
                if (running == null && left.isNegative()) {
                    log("idle for " + idle + "; exiting");
                    break;
                }
                WatchKey key = watch.poll(Math.max(1, Math.min(left.toMillis(), 60_000)), TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        scan(watch);
                    } else if (key == requests) {
                        offer(watch, dir.path().resolve((Path) event.context()));
                    } else if (isCancel(key, event)) {
                        cancel();
                    }
                }
                key.reset();
            }
        } finally {
            shutDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // Already shutting down (SIGTERM): the hook runs, and finds nothing left to do.
            }
        }
        return 0;
    }

    /**
     * Requests of clients killed before they cleaned up (kill -9): no client sends to a server
     * before its pid file is written, so every request here is a dead client's.
     */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path(), "{req,new}.*")) {
            for (Path entry : entries) {
                MoreFiles.deleteTree(entry);
            }
        }
    }

    /** Requests whose notifications were lost to an overflow. */
    private void scan(WatchService watch) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path(), "req.*")) {
            for (Path entry : entries) {
                offer(watch, entry);
            }
        }
    }

    private void offer(WatchService watch, Path request) {
        String name = request.getFileName().toString();
        if (!ServerRequest.NAME.matcher(name).matches() || !seen.add(name)) {
            return;
        }
        try {
            ServerRequest parsed = ServerRequest.read(request, owner);
            String refusal = refusal(parsed);
            if (refusal != null) {
                refuse(request, refusal);
                return;
            }
            WatchKey cancelKey = request.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Running serving = new Running(name, cancelKey);
            running = serving;
            AtomicFiles.writeString(request.resolve("accepted"), "");
            worker.execute(() -> serve(parsed, serving));
            if (Files.exists(request.resolve("cancel"))) {
                cancel(); // Interrupted before the watch on its directory began.
            }
        } catch (IOException | KraftException e) {
            refuse(request, e.getMessage());
        }
    }

    /** Why this request runs directly instead, or null to serve it. */
    private String refusal(ServerRequest request) throws IOException {
        if (running != null) {
            return "busy with another build";
        }
        if (!stamp(jar).equals(jarStamp)) {
            stopping = true;
            return "the jar " + jar + " changed since the server started; it exits";
        }
        if (!request.jar().toAbsolutePath().normalize().equals(jar)) {
            return "the client runs " + request.jar() + ", the server " + jar;
        }
        if (!request.home().equals(env.home())) {
            return "the client's HOME is " + request.home() + ", the server's " + env.home();
        }
        return null;
    }

    private void refuse(Path request, String why) {
        log("refused " + request.getFileName() + ": " + why);
        try {
            AtomicFiles.writeString(request.resolve("refused"), why + "\n");
        } catch (IOException e) {
            log("cannot refuse " + request.getFileName() + " (" + e.getMessage() + "); the client times out");
        }
    }

    private void serve(ServerRequest request, Running serving) {
        serving.thread = Thread.currentThread();
        long started = System.nanoTime();
        int status = ExitCode.INTERNAL.code();
        try (ClientStreams streams = ClientStreams.open(request.dir(), CLIENT_OPENS)) {
            Env world = new Env(
                    request.cwd(),
                    request.home(),
                    request.vars(),
                    InputStream.nullInputStream(),
                    streams.out(),
                    streams.err(),
                    // Stdin is not forwarded: a served build never prompts (it names -t instead).
                    new Tty(false, request.tty().stdout(), request.tty().stderr()),
                    env.clock());
            try {
                status = commands.run(request.args().toArray(String[]::new), world);
            } catch (RuntimeException e) {
                streams.err().println("kraft: the build server failed: " + e);
            }
            streams.out().flush();
            streams.err().flush();
            settle(serving);
            // The status first: the client reads it once both streams have ended.
            AtomicFiles.writeString(request.dir().resolve("status"), status + "\n");
        } catch (IOException e) {
            log("request " + serving.name + ": " + e);
        } finally {
            settle(serving);
            serving.cancelKey.cancel();
            state = state.servedOneMore();
            try {
                state.write(dir.stateFile());
            } catch (IOException e) {
                log("cannot write " + dir.stateFile() + ": " + e.getMessage());
            }
            log("served " + serving.name + " (" + String.join(" ", request.args()) + ") in " + request.cwd()
                    + ": exit " + status + (serving.stopping != null ? ", cancelled" : "") + ", "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
            lastActivity = env.clock().instant();
            running = null;
        }
    }

    /** A cancelled build has ended: no more interrupts, and none pending (files are written next). */
    private static void settle(Running serving) {
        if (serving.stopping != null) {
            serving.stopping.cancel(false);
        }
        Thread.interrupted();
    }

    private boolean isCancel(WatchKey key, WatchEvent<?> event) {
        Running serving = running;
        return serving != null
                && key == serving.cancelKey
                && event.context().toString().equals("cancel");
    }

    /**
     * The client was interrupted: the build's thread is interrupted and every process below the
     * server (make and what it runs: only one build runs) is stopped, again every 100 ms while
     * the build goes on, so nothing it starts after survives.
     */
    private void cancel() {
        Running serving = running;
        if (serving == null || serving.stopping != null) {
            return;
        }
        log("cancelling " + serving.name);
        serving.stopping = stopper.scheduleWithFixedDelay(
                () -> {
                    Thread thread = serving.thread;
                    if (thread != null) {
                        thread.interrupt();
                    }
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    /** On every way out (idle, stale, SIGTERM): no build left behind, no pid for clients to find. */
    private void shutDown() {
        stopping = true;
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        worker.shutdownNow();
        stopper.shutdownNow();
        try {
            if (ServerState.read(dir.stateFile())
                    .map(s -> s.pid() == ProcessHandle.current().pid())
                    .orElse(false)) {
                Files.deleteIfExists(dir.pidFile());
                Files.deleteIfExists(dir.stateFile());
            }
        } catch (IOException e) {
            // Clients check that the pid is alive; a stale file only costs them that check.
        }
    }

    /** The jar's size and modification time: what changes when mvn package or an install replaces it. */
    static String stamp(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private void log(String message) {
        log.println(env.clock().instant() + " " + message);
        log.flush();
    }
}
