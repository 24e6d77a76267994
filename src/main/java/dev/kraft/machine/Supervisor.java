package dev.kraft.machine;

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
 * Runs a hypervisor process (QEMU, Firecracker) in a session of its own (setsid), so a Ctrl-C
 * meant for kraft or a closed terminal does not kill detached machines, under a small shell that
 * records the process's PID and, when it ends, its exit status: the guest's exit code survives
 * kraft exiting.
 */
public final class Supervisor {
    /** Starts the command, publishes its PID, waits, then publishes its status; files renamed into place. */
    private static final String SCRIPT = "exit_file=$1; pid_file=$2; shift 2; \"$@\" & child=$!; "
            + "echo $child > \"$pid_file.tmp\" && mv \"$pid_file.tmp\" \"$pid_file\"; wait $child; status=$?; "
            + "echo $status > \"$exit_file.tmp\" && mv \"$exit_file.tmp\" \"$exit_file\"";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    /** Launches the command and answers its process once it runs. */
    public ProcessIdentity launch(List<String> command, MachinePaths paths) {
        try {
            Files.deleteIfExists(paths.pidFile());
            Files.deleteIfExists(paths.exitStatus());
            List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", SCRIPT, "kraft-machine",
                    paths.exitStatus().toString(), paths.pidFile().toString()));
            argv.addAll(command);
            Process shell = new ProcessBuilder(argv).directory(paths.dir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.hypervisorLog().toFile()))
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<ProcessIdentity> started = readPid(paths.pidFile());
                if (started.isPresent()) {
                    return started.get();
                }
                if (!shell.isAlive() || Files.exists(paths.exitStatus())) {
                    throw failed(command.get(0), paths);
                }
                Thread.sleep(5);
            }
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            throw new KraftException(ExitCode.HYPERVISOR_FAILED, command.get(0) + " did not start within "
                    + START_TIMEOUT.toSeconds() + " s; see " + paths.hypervisorLog());
        } catch (IOException e) {
            throw new KraftException(ExitCode.HYPERVISOR_FAILED, "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while starting the machine");
        }
    }

    /** The process's exit status, once the shell has written it. */
    public Optional<Integer> exitStatus(MachinePaths paths) {
        try {
            return Files.isRegularFile(paths.exitStatus())
                    ? Optional.of(Integer.parseInt(Files.readString(paths.exitStatus(), StandardCharsets.UTF_8).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after the timeout. */
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

    private static KraftException failed(String binary, MachinePaths paths) {
        String log;
        try {
            log = Files.exists(paths.hypervisorLog()) ? Files.readString(paths.hypervisorLog(), StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            log = "";
        }
        String first = log.lines().filter(l -> !l.isBlank()).findFirst().orElse("no message; see " + paths.hypervisorLog());
        return new KraftException(ExitCode.HYPERVISOR_FAILED, Path.of(binary).getFileName() + " failed to start the machine: " + first);
    }
}
