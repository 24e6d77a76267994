package dev.kraft.machine.qemu;

import dev.kraft.machine.MachinePaths;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts, pauses and stops QEMU processes. QEMU runs in a session of its own (setsid), so a
 * Ctrl-C meant for kraft or a closed terminal does not kill detached machines, under a small
 * shell that records QEMU's exit status: the guest's exit code survives kraft exiting.
 */
public final class QemuDriver {
    /** Runs the hypervisor, then writes its status atomically to the file named first. */
    private static final String SUPERVISOR = "exit_file=$1; shift; \"$@\"; status=$?; "
            + "echo $status > \"$exit_file.tmp\" && mv \"$exit_file.tmp\" \"$exit_file\"";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /** Launches the command and answers the hypervisor process once it has written its pidfile. */
    public ProcessIdentity launch(List<String> command, MachinePaths paths) {
        try {
            Files.deleteIfExists(paths.pidFile());
            Files.deleteIfExists(paths.exitStatus());
            Files.deleteIfExists(paths.qmpSocket());
            List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", SUPERVISOR, "kraft-machine", paths.exitStatus().toString()));
            argv.addAll(command);
            Process supervisor = new ProcessBuilder(argv).directory(paths.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.hypervisorLog().toFile()))
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<ProcessIdentity> started = readPid(paths.pidFile());
                if (started.isPresent()) {
                    return started.get();
                }
                if (!supervisor.isAlive() || Files.exists(paths.exitStatus())) {
                    throw failed(paths);
                }
                Thread.sleep(10);
            }
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            throw new KraftException(ExitCode.HYPERVISOR_FAILED, "QEMU did not start within " + START_TIMEOUT.toSeconds() + " s; see " + paths.hypervisorLog());
        } catch (IOException e) {
            throw new KraftException(ExitCode.HYPERVISOR_FAILED, "cannot start QEMU: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while starting the machine");
        }
    }

    /** The hypervisor's exit status, once the supervisor has written it. */
    public Optional<Integer> exitStatus(MachinePaths paths) {
        try {
            return Files.isRegularFile(paths.exitStatus())
                    ? Optional.of(Integer.parseInt(Files.readString(paths.exitStatus(), StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits for the exit status to be written after the process has gone. */
    public Optional<Integer> awaitExitStatus(MachinePaths paths, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> status = exitStatus(paths);
        while (status.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            status = exitStatus(paths);
        }
        return status;
    }

    /** Asks QEMU to end (SIGTERM, which it handles cleanly), then kills it after the timeout. */
    public void stop(ProcessIdentity process, Duration timeout) throws InterruptedException {
        Optional<ProcessHandle> handle = process.handle();
        if (handle.isEmpty()) {
            return;
        }
        handle.get().destroy();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (handle.get().isAlive()) {
            handle.get().destroyForcibly();
            handle.get().onExit().join();
        }
    }

    public void pause(MachinePaths paths) {
        control(paths, "stop");
    }

    public void resume(MachinePaths paths) {
        control(paths, "cont");
    }

    private static void control(MachinePaths paths, String command) {
        try {
            String answer = Qmp.execute(paths.qmpSocket(), command);
            if (answer.contains("\"error\"")) {
                throw new KraftException(ExitCode.HYPERVISOR_FAILED, "QEMU refused " + command + ": " + answer);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.STATE, "cannot reach the machine's control socket: " + e.getMessage(), e);
        }
    }

    private static Optional<ProcessIdentity> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : ProcessIdentity.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static KraftException failed(MachinePaths paths) {
        String log;
        try {
            log = Files.exists(paths.hypervisorLog()) ? Files.readString(paths.hypervisorLog(), StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            log = "";
        }
        String first = log.lines().filter(l -> !l.isBlank()).findFirst().orElse("no message; see " + paths.hypervisorLog());
        return new KraftException(ExitCode.HYPERVISOR_FAILED, "QEMU failed to start the machine: " + first);
    }
}
