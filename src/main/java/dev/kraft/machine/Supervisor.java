package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ProcessIdentity;
import dev.kraft.support.ShellWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a hypervisor process (QEMU, Firecracker) in a session of its own (setsid), so a Ctrl-C
 * meant for kraft or a closed terminal does not kill detached machines, under a small shell that
 * records the process's PID and, when it ends, its exit status: the guest's exit code survives
 * kraft exiting.
 *
 * <p>The PID is written by the process itself before it becomes the hypervisor ({@code exec}),
 * so a hypervisor never runs without its PID file, even when kraft is killed while starting it.
 * A process belongs to a machine when its PID is in the machine's PID file and its command line
 * names the machine's directory: a PID the kernel has since given to another process is never
 * taken for the machine, whatever the record says, and a record in any state finds its process.
 *
 * <p>How the supervising shell itself is started is the {@link Starter}'s choice: kraft detaches
 * it (its own session, output to the hypervisor log); an OCI runtime runs it in the foreground of
 * the container's init process, whose stdout is the container's, so the console can go there.
 * Either way the shell forwards SIGTERM, SIGINT and SIGHUP to the hypervisor and exits with the
 * guest's code ({@link GuestExit#shellExit}).
 */
public final class Supervisor {
    /**
     * Notes the console log's size and the time, for {@link ConsoleTimes}: each second the log
     * grew while the hypervisor runs (a test builtin, no process, when it did not), and once at
     * the end.
     */
    private static final String NOTE_CONSOLE =
            "note() { echo \"$(stat -c %s \"$log\" 2>/dev/null || echo 0) $(date +%s)\" >> \"$times\"; }; ";
    /**
     * Starts the command (which writes its own PID, then execs), waits, then publishes its status;
     * files renamed into place. The status file gets the machine directory's owner: a machine
     * root started under a user's HOME ends after kraft gave that directory back to the user.
     */
    private static final String SCRIPT = "exit_file=$1; pid_file=$2; log=$3; times=$4; shift 4; "
            + "sh -c 'echo $$ > \"$0.tmp\" && mv \"$0.tmp\" \"$0\" && exec \"$@\"' \"$pid_file\" \"$@\" & child=$!; "
            + "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP; "
            + NOTE_CONSOLE
            // The notes loop takes its sleep with it when stopped, so nothing of the machine outlives it.
            + "( trap 'kill $nap 2>/dev/null; exit 0' TERM; while kill -0 $child 2>/dev/null; do if [ \"$log\" -nt \"$times\" ]; then note; fi; "
            + "sleep 1 & nap=$!; wait $nap; done ) & notes=$!; "
            + "wait $child; status=$?; while kill -0 $child 2>/dev/null; do wait $child; status=$?; done; "
            + "kill $notes 2>/dev/null; note; "
            + "echo $status > \"$exit_file.tmp\" && mv \"$exit_file.tmp\" \"$exit_file\"; "
            + "chown \"$(stat -c %u:%g \"${exit_file%/*}\")\" \"$exit_file\" \"$times\" 2>/dev/null || true; "
            + GuestExit.shellExit("status");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /** How long a SIGKILLed process may take to go; past that, something holds it (a D state) and we say so. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    /** The supervising shell only publishes the exit status once the hypervisor ended; past this, stop stops waiting for it. */
    private static final Duration SHELL_END_TIMEOUT = Duration.ofSeconds(3);

    private final Starter starter;
    private final Consumer<String> debug;

    /** Starts the supervising shell (its argv given) and answers its process. */
    public interface Starter {
        ProcessHandle start(List<String> argv, MachinePaths paths) throws IOException;

        /** Whether the shell's stdout is where the machine's console should go (a container's), rather than a file. */
        default boolean consoleOnStdout() {
            return false;
        }
    }

    /** kraft's supervisor: the shell in a session of its own, its output in the hypervisor log. */
    public Supervisor() {
        this(Supervisor::detached);
    }

    public Supervisor(Starter starter) {
        this(starter, line -> {});
    }

    private Supervisor(Starter starter, Consumer<String> debug) {
        this.starter = starter;
        this.debug = debug;
    }

    /** The same supervisor, telling {@code debug} each hypervisor command line it launches ({@code --log-level debug}). */
    public Supervisor announcing(Consumer<String> debug) {
        return new Supervisor(starter, debug);
    }

    /** Whether the hypervisor's stdout is the machine's console ({@link Starter#consoleOnStdout}). */
    public boolean consoleOnStdout() {
        return starter.consoleOnStdout();
    }

    private static ProcessHandle detached(List<String> argv, MachinePaths paths) throws IOException {
        List<String> setsid = new ArrayList<>(List.of("setsid"));
        setsid.addAll(argv);
        return new ProcessBuilder(setsid)
                .directory(paths.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(paths.hypervisorLog().toFile()))
                .redirectErrorStream(true)
                .start()
                .toHandle();
    }

    /** Launches the command and answers its process once it runs. */
    public ProcessIdentity launch(List<String> command, MachinePaths paths) {
        try {
            Files.deleteIfExists(paths.pidFile());
            Files.deleteIfExists(paths.exitStatus());
            // The hypervisor starts the console log afresh (QEMU truncates it), so its notes start afresh too;
            // made empty here, as the log is, so it is kraft's file (a sudo's given back to the user), which the shell
            // appends to.
            Files.deleteIfExists(paths.consoleTimes());
            Files.createFile(paths.consoleTimes());
            // Made here, not by the hypervisor, so it is kraft's file (a sudo's given back to the user) with the
            // guest's console in it.
            if (!Files.exists(paths.serialLog())) {
                Files.createFile(paths.serialLog());
            }
            List<String> argv = new ArrayList<>(List.of(
                    "sh",
                    "-c",
                    SCRIPT,
                    "kraft-machine",
                    paths.exitStatus().toString(),
                    paths.pidFile().toString(),
                    paths.serialLog().toString(),
                    paths.consoleTimes().toString()));
            argv.addAll(command);
            debug.accept("running " + ShellWords.line(command) + " (in " + paths.dir() + ")");
            ProcessHandle shell = starter.start(argv, paths);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<ProcessIdentity> started = readPid(paths.pidFile()).flatMap(ProcessIdentity::of);
                if (started.isPresent()) {
                    return started.get();
                }
                if (!shell.isAlive() || Files.exists(paths.exitStatus())) {
                    throw failed(command.get(0), paths);
                }
                Thread.sleep(5);
            }
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED,
                    command.get(0) + " did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                            + paths.hypervisorLog());
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.HYPERVISOR_FAILED, "cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KraftException(ExitCode.INTERRUPTED, "interrupted while starting the machine");
        }
    }

    /** The machine's hypervisor process, if one runs: found by the PID file, checked by its command line. */
    public Optional<ProcessHandle> process(MachinePaths paths) {
        return readPid(paths.pidFile())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> belongsTo(handle.pid(), paths.dir()));
    }

    /** The process's exit status, once the shell has written it. */
    public Optional<Integer> exitStatus(MachinePaths paths) {
        try {
            return Files.isRegularFile(paths.exitStatus())
                    ? Optional.of(Integer.parseInt(Files.readString(paths.exitStatus(), StandardCharsets.UTF_8)
                            .strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * SIGTERM, then SIGKILL after the timeout. Never waits for a process it may not signal
     * (another user's): that is said at once, with what to do.
     */
    public void stop(MachinePaths paths, String machine, Duration timeout) throws InterruptedException {
        Optional<ProcessHandle> found = process(paths);
        if (found.isEmpty()) {
            return;
        }
        ProcessHandle handle = found.get();
        Optional<ProcessHandle> shell =
                handle.parent().filter(parent -> commandLine(parent.pid()).contains("\0kraft-machine\0"));
        if (!handle.destroy() && handle.isAlive()) {
            String owner = handle.info().user().orElse("another user");
            throw new KraftException(
                    ExitCode.PERMISSION_DENIED,
                    "cannot stop machine " + machine + ": permission denied (its hypervisor," + " PID " + handle.pid()
                            + ", runs as " + owner + "); stop it as " + owner + ", e.g. sudo kraft stop " + machine);
        }
        if (!awaitEnd(handle, timeout)) {
            handle.destroyForcibly();
            if (!awaitEnd(handle, KILL_TIMEOUT)) {
                throw new KraftException(
                        ExitCode.STATE,
                        "machine " + machine + ": its hypervisor (PID " + handle.pid() + ") did not end "
                                + KILL_TIMEOUT.toSeconds() + " s after SIGKILL");
            }
        }
        // Its supervising shell writes the exit status just after: a stopped machine has it, and no process of the
        // machine is left.
        if (shell.isPresent()) {
            awaitEnd(shell.get(), SHELL_END_TIMEOUT);
        }
    }

    private static boolean awaitEnd(ProcessHandle handle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return !handle.isAlive();
    }

    /** Whether the process's command line names the machine's directory (QEMU's -pidfile, Firecracker's socket). */
    private static boolean belongsTo(long pid, Path machineDir) {
        String commandLine = commandLine(pid);
        String dir = machineDir.toString();
        return commandLine.contains(dir) || commandLine.contains(dir.replace(",", ",,"));
    }

    /** The process's arguments, each followed by a NUL; empty once it is gone. */
    private static String commandLine(long pid) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String text = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the hypervisor said as it failed: read now, as the machine that failed to start is removed. */
    private KraftException failed(String binary, MachinePaths paths) {
        return HypervisorLog.failure(
                Path.of(binary).getFileName() + " failed to start the machine",
                HypervisorLog.tail(paths.hypervisorLog()),
                exitStatus(paths));
    }
}
