package dev.kraft.cli;

import dev.kraft.support.Env;
import dev.kraft.support.KraftException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Builds the command tree for one invocation and runs it; returns the process exit code. */
public final class Kraft {
    private Kraft() {
    }

    public static int run(String[] args, Env env) {
        GlobalOptions global = new GlobalOptions();
        Services services = new Services(env, global);
        CommandLine cli = commandLine(services, global);
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        ErrorHandler errors = new ErrorHandler(services);
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionStrategy(parsed -> {
            checkGlobalOptions(services, parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /** Bad global options are usage errors, reported before any work starts. */
    private static void checkGlobalOptions(Services services, CommandLine.ParseResult parsed) {
        try {
            services.console();
        } catch (KraftException e) {
            CommandLine last = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            throw new CommandLine.ParameterException(last, e.getMessage());
        }
    }

    static CommandLine commandLine(Services services, GlobalOptions global) {
        CommandLine cli = new CommandLine(new KraftCommand(global));
        CommandGroups groups = new CommandGroups(cli)
                .add("BUILD", new BuildCommand(services), new CleanCommand(services, false), new FetchCommand(services),
                        new MenuCommand(services))
                .add("LOCAL RUNTIME", new RunCommand(services), new PsCommand(services), new LogsCommand(services),
                        new StopCommand(services), new StartCommand(services), new PauseCommand(services),
                        new RemoveCommand(services))
                .add("LOCAL NETWORKING", NetCommand.commandLine(services))
                .add("MISCELLANEOUS", new CompletionCommand(), new DoctorCommand(services), new VersionCommand());
        CommandLine properclean = new CommandLine(new CleanCommand(services, true));
        properclean.getCommandSpec().name("properclean").aliases(new String[0]);
        properclean.getCommandSpec().usageMessage().hidden(true);
        cli.addSubcommand("properclean", properclean);
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "%n");
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, groups.renderer());
        return cli;
    }
}
