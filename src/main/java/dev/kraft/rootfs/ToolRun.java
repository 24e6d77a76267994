package dev.kraft.rootfs;

import dev.kraft.log.Console;
import dev.kraft.support.Executables;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.LoggedRun;
import dev.kraft.support.Processes;
import dev.kraft.support.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a Dockerfile builder's command with its output in the build's log; a failure shows the
 * tool's last lines, then one line naming the Dockerfile and the log.
 */
final class ToolRun {
    private final Processes processes;
    private final Console console;
    private final Map<String, String> environment;

    ToolRun(Processes processes, Console console, Map<String, String> environment) {
        this.processes = processes;
        this.console = console;
        this.environment = environment;
    }

    /** Fails with the command that installs the tool when it is not on PATH. */
    void require(String tool, String install) {
        if (Executables.find(tool, environment).isEmpty()) {
            throw new KraftException(
                    ExitCode.NOT_FOUND, tool + " is not installed; it builds Dockerfile root filesystems: " + install);
        }
    }

    /** Runs argv, its tool found on the user's PATH (the JVM would search its own). */
    void run(List<String> argv, Map<String, String> overrides, DockerfileBuild build) {
        List<String> resolved = new ArrayList<>(argv);
        Executables.find(argv.get(0), environment).ifPresent(tool -> resolved.set(0, tool.toString()));
        LoggedRun.Outcome outcome = LoggedRun.run(
                processes,
                resolved,
                build.context(),
                overrides,
                String.join(" ", argv),
                build.log(),
                console::progress);
        if (outcome.failed()) {
            throw new ToolFailure(
                    ExitCode.BUILD_FAILED,
                    argv.get(0) + " could not build " + build.dockerfile() + " (exit " + outcome.status()
                            + "); full output in " + build.log(),
                    outcome.report(argv.get(0)));
        }
    }
}
