package dev.kraft.cli;

import dev.kraft.log.Logging;
import dev.kraft.support.Env;
import dev.kraft.support.KraftException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Builds the command tree for one invocation and runs it; returns the process exit code. */
public final class Kraft {
    private Kraft() {}

    public static int run(String[] args, Env env) {
        return run(args, env, false);
    }

    /**
     * Runs a command for a client of the build server: the same as {@link #run}, with a debug
     * line saying so, and the library log levels a debug run raised put back for the next one.
     */
    public static int serve(String[] args, Env env) {
        try {
            return run(args, env, true);
        } finally {
            Logging.restoreLibraryLevels();
        }
    }

    private static int run(String[] args, Env env, boolean served) {
        GlobalOptions global = new GlobalOptions();
        Services services = new Services(env, global);
        if (args.length > 0 && args[0].equals(CompletionCommand.COMPLETE)) {
            // Before picocli: the words are whatever the user has typed so far, options included.
            return complete(services, List.of(args).subList(1, args.length));
        }
        CommandLine cli = commandLine(services, global, args);
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        ErrorHandler errors = new ErrorHandler(services);
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionStrategy(new CheckedFirst(services, served));
        try {
            return cli.execute(args);
        } finally {
            services.restoreOwnership();
        }
    }

    /**
     * Bad global options, and KraftKit flags refused here, are usage errors reported before any
     * work starts; help is in colour only where the console's colour policy allows it. A class,
     * not a lambda, for the reason {@link CommandGroups} gives for its help renderers.
     */
    private record CheckedFirst(Services services, boolean served) implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parsed) {
            try {
                CompatFlags.check(parsed, services.console());
                if (served) {
                    services.console()
                            .debug("served by the build server (pid "
                                    + ProcessHandle.current().pid() + ")");
                }
                parsed.commandSpec()
                        .commandLine()
                        .setColorScheme(CommandLine.Help.defaultColorScheme(
                                services.colorOnStdout() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
            } catch (KraftException e) {
                CommandLine last = parsed.asCommandLineList()
                        .get(parsed.asCommandLineList().size() - 1);
                throw new CommandLine.ParameterException(last, e.getMessage());
            }
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /** What a shell should offer after these words, one candidate a line ({@code value<TAB>description}), then {@code :files} if paths fit too. */
    private static int complete(Services services, List<String> words) {
        Completer completer = new Completer(new Completer.Sources(
                () -> services.machines().list().stream()
                        .map(m -> new Completer.Candidate(
                                m.name(), m.state().label() + " " + m.spec().source()))
                        .toList(),
                () -> services.kraftfiles().load(Optional.empty(), Optional.empty()).targets().stream()
                        .flatMap(t -> Stream.of(
                                new Completer.Candidate(t.name(), t.platArch()),
                                new Completer.Candidate(t.platArch(), t.name())))
                        .toList(),
                () -> services.networks().store().list().stream()
                        .map(n -> new Completer.Candidate(n.name(), n.subnet()))
                        .toList()));
        Completer.Answer answer = completer.complete(commandLine(services, new GlobalOptions()), words);
        PrintStream out = services.env().out();
        answer.candidates()
                .forEach(c -> out.println(c.value()
                        + (c.description().isEmpty()
                                ? ""
                                : "\t" + c.description().replaceAll("\\s+", " "))));
        if (answer.files()) {
            out.println(":files");
        }
        out.flush();
        return 0;
    }

    /** The whole command tree, every option of every command (man pages, completion, documentation tests). */
    static CommandLine commandLine(Services services, GlobalOptions global) {
        return groups(services, global, Optional.empty()).buildAll();
    }

    /** The command tree for these arguments: only the command they name is built (start-up time). */
    static CommandLine commandLine(Services services, GlobalOptions global, String[] args) {
        return groups(services, global, CommandGroups.requestedCommand(args, GlobalOptions.withValues()))
                .build();
    }

    /** Each command gets what it uses, as suppliers where a service depends on options parsed later (the console). */
    private static CommandGroups groups(Services services, GlobalOptions global, Optional<String> wanted) {
        Projects projects =
                new Projects(services.env(), services::kraftfiles, services::ownership, services::mayPrompt);
        Foreground foreground = new Foreground(services::attachment, services::console, Interrupts.SIGNALS);
        return new CommandGroups(new CommandLine(new KraftCommand(global)), wanted)
                .add(
                        "BUILD",
                        BuildCommand.class,
                        () -> new BuildCommand(
                                projects,
                                services::console,
                                services::placer,
                                services::builder,
                                () -> !services.config().noParallel(),
                                () -> services.config().trimMusl(),
                                services::rootfs,
                                services::runtimes,
                                services::processes))
                .add(
                        "BUILD",
                        CleanCommand.class,
                        () -> new CleanCommand(projects, services::console, services::make, false))
                .add(
                        "BUILD",
                        FetchCommand.class,
                        () -> new FetchCommand(projects, services::console, services::placer, services::builder))
                .add(
                        "BUILD",
                        MenuCommand.class,
                        () -> new MenuCommand(projects, services::console, services::placer, services::builder))
                .add("BUILD", SetCommand.class, () -> new SetCommand(projects, services::console))
                .add("BUILD", UnsetCommand.class, () -> new UnsetCommand(projects, services::console))
                .add(
                        "PROJECT LIBRARY",
                        LibCommand.class,
                        () -> LibCommand.commandLine(projects, services::console, services::processes))
                .add("PACKAGING", PkgCommand.class, () -> PkgCommand.commandLine(services, projects))
                .add("PACKAGING", LoginCommand.class, () -> new LoginCommand(services))
                .add("PACKAGING", LogoutCommand.class, () -> new LogoutCommand(services))
                .add(
                        "LOCAL RUNTIME",
                        RunCommand.class,
                        () -> RunCommand.commandLine(new RunCommand(
                                services::launcher,
                                foreground,
                                new BootSources(
                                        services.env(),
                                        services::kraftfiles,
                                        services::images,
                                        services::offline,
                                        services::runtimes,
                                        services::imageRef),
                                new RunRootfs(services.env(), services::rootfs),
                                services::console,
                                services.env(),
                                services::runDefaults)))
                .add(
                        "LOCAL RUNTIME",
                        PsCommand.class,
                        () -> new PsCommand(
                                services::machines,
                                services::console,
                                services.env().clock()))
                .add(
                        "LOCAL RUNTIME",
                        LogsCommand.class,
                        () -> new LogsCommand(
                                services::machines,
                                services::console,
                                Interrupts.SIGNALS,
                                services.env().clock()))
                .add("LOCAL RUNTIME", StopCommand.class, () -> new StopCommand(services::machines, services::console))
                .add(
                        "LOCAL RUNTIME",
                        StartCommand.class,
                        () -> new StartCommand(services::machines, services::console, foreground))
                .add("LOCAL RUNTIME", PauseCommand.class, () -> new PauseCommand(services::machines, services::console))
                .add(
                        "LOCAL RUNTIME",
                        RemoveCommand.class,
                        () -> new RemoveCommand(services::machines, services::console))
                .add(
                        "LOCAL NETWORKING",
                        NetCommand.class,
                        () -> NetCommand.commandLine(
                                new NetCommand.Uses(services::networks, services::machines, services::console)))
                .add("MISCELLANEOUS", CompletionCommand.class, CompletionCommand::new)
                .add(
                        "MISCELLANEOUS",
                        DoctorCommand.class,
                        () -> new DoctorCommand(
                                services.env(),
                                services::console,
                                () -> services.config().buildkitHost()))
                .add("MISCELLANEOUS", ManCommand.class, () -> new ManCommand(services))
                .add("MISCELLANEOUS", ServerCommand.class, () -> ServerCommand.commandLine(services))
                .add("MISCELLANEOUS", VersionCommand.class, VersionCommand::new)
                .addHidden("properclean", () -> {
                    CommandLine properclean =
                            new CommandLine(new CleanCommand(projects, services::console, services::make, true));
                    properclean.getCommandSpec().name("properclean").aliases(new String[0]);
                    properclean.getCommandSpec().usageMessage().hidden(true);
                    return properclean;
                });
    }
}
