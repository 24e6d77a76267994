package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become exit codes. Users see one line; a stack trace only at
 * {@code --log-level debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Services services;

    ErrorHandler(Services services) {
        this.services = services;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        if (e instanceof KraftException k) {
            report(k.getMessage(), k);
            return k.exitCode().code();
        }
        report("internal error: " + e + " (please report this; --log-level debug shows where)", e);
        return ExitCode.INTERNAL.code();
    }

    private void report(String message, Throwable cause) {
        Console console;
        try {
            console = services.console();
        } catch (KraftException settingsProblem) {
            services.env().err().println("error: " + settingsProblem.getMessage());
            if (!settingsProblem.getMessage().equals(message)) {
                services.env().err().println("error: " + message);
            }
            return;
        }
        console.error(message);
        if (console.debugEnabled()) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            console.debug(trace.toString());
        }
    }
}
