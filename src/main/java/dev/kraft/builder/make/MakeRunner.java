package dev.kraft.builder.make;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.LoggedRun;
import dev.kraft.support.Processes;
import dev.kraft.support.ToolFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs make, keeps every line of its output in the build log, and shows its progress
 * ({@link MakeProgress}). When make fails the user sees the lines that say why first (errors),
 * then the end of the output, and the path of the full log.
 */
public final class MakeRunner implements Make {
    /** Reading a real Unikraft's makefiles takes seconds; a minute more is a make that hangs. */
    private static final Duration PRINT_TIMEOUT = Duration.ofSeconds(120);

    private final Processes processes;
    private final Console console;

    public MakeRunner(Processes processes, Console console) {
        this.processes = processes;
        this.console = console;
    }

    /** Runs make with some environment variables replaced (ccache's PATH and cache). */
    @Override
    public void run(MakeInvocation make, Path log, Map<String, String> environment) {
        LoggedRun.Outcome outcome;
        try (MakeProgress progress = MakeProgress.start(console, processes, make)) {
            outcome =
                    LoggedRun.run(processes, make.argv(), make.core(), environment, make.commandLine(), log, progress);
        }
        if (outcome.failed()) {
            throw new ToolFailure(
                    ExitCode.BUILD_FAILED,
                    "make " + make.goal() + " failed (exit " + outcome.status() + "); full output in " + log,
                    outcome.report("make"));
        }
    }

    @Override
    public String print(MakeInvocation make) {
        Processes.Captured printed = processes.capture(make.argv(), make.core(), new byte[0], PRINT_TIMEOUT);
        if (printed.status() != 0) {
            throw new KraftException(
                    ExitCode.BUILD_FAILED, "make " + make.goal() + " failed (exit " + printed.status() + ")");
        }
        return printed.stdout();
    }

    @Override
    public void runAttached(MakeInvocation make) {
        int status = processes.runAttached(make.argv(), make.core());
        if (status != 0) {
            throw new KraftException(ExitCode.BUILD_FAILED, "make " + make.goal() + " failed (exit " + status + ")");
        }
    }
}
