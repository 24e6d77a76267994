package dev.kraft.runtime;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A container's init process, the one whose PID the shim watches, made the way runc makes its
 * own: {@code create} starts it in the container's network namespace with the container's stdio,
 * and it waits at a FIFO (the gate); {@code start} writes what it is to become (a shell command,
 * {@code exec} of the hypervisor's supervising shell, or of a sandbox's pause binary) and opens
 * the gate. Its PID never changes, so whatever it becomes is the process the shim waits for.
 */
final class InitProcess {
    /** $1 the gate, $2 the command to become, $3 the file that says it waits. */
    private static final String SCRIPT = ": > \"$3\"; read -r _ < \"$1\" || exit 1; . \"$2\"";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GATE_TIMEOUT = Duration.ofSeconds(5);

    private InitProcess() {}

    /**
     * Starts the init process and waits until it waits at the gate.
     *
     * @param network the namespace to run in ({@link Bundle#network()}); empty for the host's
     * @param stderr  where its (and later its hypervisor's) messages go
     */
    static ProcessIdentity spawn(ContainerPaths paths, Optional<Path> network, Path stderr) {
        List<String> argv = new ArrayList<>();
        network.ifPresent(path -> argv.addAll(
                path.equals(Bundle.NEW_NAMESPACE) ? List.of("unshare", "--net") : List.of("nsenter", "--net=" + path)));
        argv.addAll(List.of(
                "sh",
                "-c",
                SCRIPT,
                "kraft-init",
                paths.gate().toString(),
                paths.command().toString(),
                paths.ready().toString()));
        try {
            Process mkfifo = new ProcessBuilder(
                            "mkfifo", "-m", "600", paths.gate().toString())
                    .redirectErrorStream(true)
                    .start();
            String said = new String(mkfifo.getInputStream().readAllBytes()).strip();
            if (mkfifo.waitFor() != 0) {
                throw new KraftException(ExitCode.FAILURE, "cannot make the gate " + paths.gate() + ": " + said);
            }
            Process init = new ProcessBuilder(argv)
                    .directory(paths.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                    .start();
            ProcessIdentity identity = ProcessIdentity.of(init.pid()).orElseThrow(() -> failed(argv, stderr));
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!Files.exists(paths.ready())) {
                if (!init.isAlive() || System.nanoTime() > deadline) {
                    init.destroyForcibly();
                    throw failed(argv, stderr);
                }
                Thread.sleep(2);
            }
            return identity;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot start the container's init process (" + argv.get(0) + "): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while creating the container");
        }
    }

    /** Opens the gate: the init process becomes {@code exec} of argv. Fails when no init process waits there. */
    static void release(ContainerPaths paths, List<String> argv) {
        release(paths, "exec " + quote(argv) + "\n");
    }

    /** As {@link #release(ContainerPaths, List)}, run in {@code dir}: QEMU names a machine's files relative to its directory. */
    static void release(ContainerPaths paths, Path dir, List<String> argv) {
        release(paths, "cd " + quote(List.of(dir.toString())) + " && exec " + quote(argv) + "\n");
    }

    private static void release(ContainerPaths paths, String script) {
        try {
            AtomicFiles.writeString(paths.command(), script);
            CompletableFuture<Void> opened = CompletableFuture.runAsync(() -> {
                try (OutputStream gate = Files.newOutputStream(paths.gate(), StandardOpenOption.WRITE)) {
                    gate.write('\n');
                } catch (IOException e) {
                    throw new KraftException(
                            ExitCode.FAILURE, "cannot open the gate " + paths.gate() + ": " + e.getMessage(), e);
                }
            });
            try {
                opened.get(GATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Nobody reads: open the other end ourselves, so the writer is let go and nothing hangs.
                try (InputStream unblock = Files.newInputStream(paths.gate())) {
                    unblock.readAllBytes();
                }
                throw new KraftException(
                        ExitCode.STATE, "the container's init process does not wait at its gate any more");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KraftException k
                        ? k
                        : new KraftException(ExitCode.FAILURE, e.getCause().getMessage(), e);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + paths.command() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while starting the container");
        }
    }

    /** Words for sh: each in single quotes, a quote inside as {@code '\''}. */
    static String quote(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.length() == 0 ? "" : " ")
                    .append('\'')
                    .append(word.replace("'", "'\\''"))
                    .append('\'');
        }
        return line.toString();
    }

    private static KraftException failed(List<String> argv, Path stderr) {
        String said = "";
        try {
            said = Files.exists(stderr) ? Files.readString(stderr).strip() : "";
        } catch (IOException e) {
            // The message below says where to look.
        }
        return new KraftException(
                ExitCode.FAILURE,
                "the container's init process (" + String.join(" ", argv.subList(0, Math.min(2, argv.size())))
                        + ") ended at once"
                        + (said.isEmpty()
                                ? "; see " + stderr
                                : ": " + said.lines().reduce((a, b) -> b).orElse(said)));
    }
}
