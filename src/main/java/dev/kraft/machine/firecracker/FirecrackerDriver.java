package dev.kraft.machine.firecracker;

import dev.kraft.machine.MachinePaths;
import dev.kraft.machine.MachineRecord;
import dev.kraft.machine.MachineSpec;
import dev.kraft.machine.SupervisedDriver;
import dev.kraft.machine.Supervisor;
import dev.kraft.support.Executables;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.unikraft.KConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Machines under Firecracker: the process under the {@link Supervisor}, configured and booted
 * over its API socket ({@link FirecrackerConfig} says what to send). Firecracker writes the
 * guest's serial console to its stdout, so that goes to the machine's console log; its own
 * messages go to {@code firecracker.log} ({@code --log-path}), its stderr to the hypervisor log.
 */
public final class FirecrackerDriver extends SupervisedDriver {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);
    private final Map<String, String> env;
    private final Optional<String> configuredBinary;

    /** @param configuredBinary the {@code firecracker} key of config.yaml: a name on PATH or a path */
    public FirecrackerDriver(Map<String, String> env, Optional<String> configuredBinary, Supervisor supervisor) {
        super(supervisor);
        this.env = env;
        this.configuredBinary = configuredBinary;
    }

    @Override
    public List<String> preflight(MachineSpec spec, KConfig kconfig) {
        FirecrackerConfig.check(spec);
        binary();
        return List.of();
    }

    @Override
    public Started start(MachineSpec spec, MachinePaths paths) {
        FirecrackerConfig.check(spec);
        Path socket = socket(paths);
        Path log = log(paths);
        // Firecracker's ids allow only letters, digits and hyphens; machine names also allow _ and .
        List<String> command = List.of(
                binary(),
                "--api-sock",
                socket.toString(),
                "--id",
                spec.name().replaceAll("[^A-Za-z0-9-]", "-"),
                "--log-path",
                log.toString());
        try {
            // A socket left by an earlier run makes Firecracker refuse to start; older versions
            // open the log only if it exists.
            Files.deleteIfExists(socket);
            Files.write(log, new byte[0]);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot prepare " + paths.dir() + ": " + e.getMessage(), e);
        }
        // sh redirects only stdout (the serial console) and then becomes Firecracker, keeping its PID.
        List<String> consoleToLog = new ArrayList<>(
                List.of("sh", "-c", "exec \"$@\" >\"$0\"", paths.serialLog().toString()));
        consoleToLog.addAll(command);
        ProcessIdentity process = supervisor.launch(consoleToLog, paths);
        try {
            boot(spec, paths, process);
        } catch (RuntimeException | IOException e) {
            stopQuietly(paths, spec.name());
            throw e instanceof KraftException k
                    ? k
                    : new KraftException(
                            ExitCode.HYPERVISOR_FAILED,
                            "cannot configure Firecracker over " + socket + ": " + e.getMessage() + "; see " + log,
                            e);
        }
        return new Started(process.pid(), process.startMillis(), command);
    }

    private void boot(MachineSpec spec, MachinePaths paths, ProcessIdentity process) throws IOException {
        FirecrackerApi api = new FirecrackerApi(socket(paths));
        try {
            if (!api.awaitSocket(process::alive, SOCKET_TIMEOUT)) {
                throw new KraftException(
                        ExitCode.HYPERVISOR_FAILED,
                        "firecracker "
                                + (process.alive()
                                        ? "did not open its API socket within " + SOCKET_TIMEOUT.toSeconds() + " s"
                                        : "exited at start")
                                + "; see " + log(paths) + " and " + paths.hypervisorLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while starting the machine");
        }
        for (FirecrackerConfig.Request request : FirecrackerConfig.boot(spec)) {
            api.send(request);
        }
    }

    @Override
    public void pause(MachineRecord machine, MachinePaths paths) {
        control(paths, FirecrackerConfig.state(true));
    }

    @Override
    public void resume(MachineRecord machine, MachinePaths paths) {
        control(paths, FirecrackerConfig.state(false));
    }

    private static void control(MachinePaths paths, FirecrackerConfig.Request request) {
        try {
            new FirecrackerApi(socket(paths)).send(request);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.STATE,
                    "cannot reach the machine's API socket " + socket(paths) + ": " + e.getMessage(),
                    e);
        }
    }

    private static Path socket(MachinePaths paths) {
        return paths.dir().resolve("firecracker.sock");
    }

    /** Firecracker's own messages, apart from the guest's console. */
    private static Path log(MachinePaths paths) {
        return paths.dir().resolve("firecracker.log");
    }

    private String binary() {
        String name = configuredBinary.orElse("firecracker");
        return Executables.require(
                        name,
                        env,
                        ExitCode.HYPERVISOR_NOT_FOUND,
                        ExitCode.HYPERVISOR_NOT_EXECUTABLE,
                        "install Firecracker (a release binary from https://github.com/firecracker-microvm/firecracker/releases,"
                                + " renamed to firecracker) or set firecracker: /path/to/firecracker in config.yaml")
                .toString();
    }

    private void stopQuietly(MachinePaths paths, String machine) {
        try {
            supervisor.stop(paths, machine, Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
