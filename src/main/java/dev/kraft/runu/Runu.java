package dev.kraft.runu;

import dev.kraft.support.Env;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Builds kraft-runu's commands for one invocation and runs them; returns the exit code. */
public final class Runu {
    private Runu() {}

    public static int run(String[] args, Env env) {
        RunuCommand global = new RunuCommand();
        RunuServices services = new RunuServices(env, global);
        CommandLine cli = commandLine(global, services);
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        cli.setExecutionExceptionHandler((e, command, parsed) -> fail(services, e));
        return cli.execute(args);
    }

    static CommandLine commandLine(RunuCommand global, RunuServices services) {
        return new CommandLine(global)
                .addSubcommand(new CreateCommand(services))
                .addSubcommand(new StartCommand(services))
                .addSubcommand(new StateCommand(services))
                .addSubcommand(new KillCommand(services))
                .addSubcommand(new PauseCommand.Pause(services))
                .addSubcommand(new PauseCommand.Resume(services))
                .addSubcommand(new DeleteCommand(services))
                .addSubcommand(new PsCommand(services))
                .addSubcommand(new FeaturesCommand(services));
    }

    /**
     * One line, in the log the shim reads (its last error is what containerd reports) and, when
     * that is a file, on stderr too, as runc does; a stack trace only with {@code --debug}.
     */
    private static int fail(RunuServices services, Exception e) {
        KraftException failure = e instanceof KraftException k
                ? k
                : e instanceof InterruptedException
                        ? new KraftException(ExitCode.INTERRUPTED, "interrupted")
                        : new KraftException(ExitCode.INTERNAL, "internal error: " + e, e);
        try {
            services.console().error(failure.getMessage());
            if (services.console().debugEnabled()) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                services.console().debug(trace.toString());
            }
        } catch (KraftException logProblem) {
            services.env().err().println("kraft-runu: " + logProblem.getMessage());
        }
        if (services.logsToFile()) {
            services.env().err().println("kraft-runu: " + failure.getMessage());
        }
        return failure.exitCode().code();
    }
}
