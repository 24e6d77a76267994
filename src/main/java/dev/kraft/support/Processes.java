package dev.kraft.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts child processes from an argv list (never through a shell) and waits for them. A child
 * is never left behind: when the waiting thread is interrupted, the child and its descendants
 * are stopped.
 */
public final class Processes {
    private final Map<String, String> environment;
    private final Consumer<String> debug;

    /** @param environment the complete environment children get (normally the user's) */
    public Processes(Map<String, String> environment) {
        this(environment, line -> {});
    }

    /** @param debug told every command line before it runs ({@code --log-level debug}) */
    public Processes(Map<String, String> environment, Consumer<String> debug) {
        this.environment = Map.copyOf(environment);
        this.debug = debug;
    }

    /** Runs argv in dir, handing each line of its merged stdout and stderr to lines. */
    public int run(List<String> argv, Path dir, Consumer<String> lines) {
        return run(argv, dir, Map.of(), lines);
    }

    /** The same, with some variables of the environment replaced or added. */
    public int run(List<String> argv, Path dir, Map<String, String> overrides, Consumer<String> lines) {
        ProcessBuilder builder = builder(argv, dir, overrides).redirectErrorStream(true);
        Process process = start(builder, argv);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
            return process.waitFor();
        } catch (IOException e) {
            stop(process);
            throw new KraftException(
                    ExitCode.FAILURE, "reading the output of " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted: " + argv.get(0) + " stopped");
        }
    }

    /** What a captured run printed on stdout, and how it ended. */
    public record Captured(int status, String stdout) {}

    /**
     * Runs argv with {@code input} on its stdin and answers its stdout (stderr is dropped): for
     * short questions to another program (a credential helper, make's {@code print-srcs}). A run
     * past the timeout, or interrupted, is stopped with its children.
     */
    public Captured capture(List<String> argv, Path dir, byte[] input, Duration timeout) {
        Process process = start(builder(argv, dir, Map.of()).redirectError(ProcessBuilder.Redirect.DISCARD), argv);
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // It did not read its input; its status says whether it minded.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new KraftException(
                        ExitCode.FAILURE,
                        argv.get(0) + " did not answer within " + timeout.toSeconds() + " s; stopped");
            }
            return new Captured(process.exitValue(), new String(stdout.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted: " + argv.get(0) + " stopped");
        } catch (ExecutionException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "reading the output of " + argv.get(0) + ": " + e.getCause().getMessage(),
                    e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs argv with the user's terminal attached (menuconfig). */
    public int runAttached(List<String> argv, Path dir) {
        Process process = start(builder(argv, dir, Map.of()).inheritIO(), argv);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted: " + argv.get(0) + " stopped");
        }
    }

    /** The child's builder; the command line, with the variables that differ from the user's, goes to debug. */
    private ProcessBuilder builder(List<String> argv, Path dir, Map<String, String> overrides) {
        List<String> words = new ArrayList<>();
        new TreeMap<>(overrides).forEach((name, value) -> words.add(name + "=" + value));
        words.addAll(argv);
        debug.accept("running " + ShellWords.line(words) + " (in " + dir + ")");
        Map<String, String> childEnvironment = new TreeMap<>(environment);
        childEnvironment.putAll(overrides);
        List<String> command = new ArrayList<>(argv);
        // The JDK looks a bare name up on its own PATH, not the child's: a build server's JVM
        // runs with the PATH it was started with, the request's may name another make.
        if (!argv.get(0).contains("/")) {
            Executables.find(argv.get(0), childEnvironment).ifPresent(program -> command.set(0, program.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(childEnvironment);
        return builder;
    }

    /** Starts the process; a program that is not there is named with the command that installs it here. */
    private Process start(ProcessBuilder builder, List<String> argv) {
        try {
            return builder.start();
        } catch (IOException e) {
            String program = argv.get(0);
            String name = program.substring(program.lastIndexOf('/') + 1);
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    "cannot run " + program + ": it is not installed, or not on PATH; "
                            + HostPackages.advice(name, environment),
                    e);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
