package dev.kraft.cli;

import dev.kraft.log.Console;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.ToolFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place failures become exit codes and messages. Users see one line; a stack trace only
 * at {@code --log-level debug}. A failure about an input names the flag it was given with; one
 * caused by a file or process of another user says "permission denied" and what to do.
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
        err.println("error: " + SecretArguments.mask(parseMessage(e), args));
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        return ExitCode.USAGE.code();
    }

    /** A value a converter refused reads as kraft's other input errors: {@code --plat foo: expected qemu, fc or xen}. */
    private static String parseMessage(ParameterException e) {
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + e.getValue() + ": " + conversion.getMessage();
        }
        return e.getMessage();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        Optional<AccessDeniedException> denied = accessDenied(e);
        if (e instanceof KraftException k) {
            String message = Flags.message(k, () -> services.dirs().data());
            if (k instanceof ToolFailure tool) {
                tool.output().forEach(line -> services.console().raw(line));
            }
            report(
                    denied.map(d -> message
                                    + (message.contains("permission denied") ? "" : " (permission denied)")
                                    + hint(d))
                            .orElse(message),
                    k);
            return denied.isPresent()
                    ? ExitCode.PERMISSION_DENIED.code()
                    : k.exitCode().code();
        }
        if (e instanceof InterruptedException) {
            report("interrupted", e);
            return ExitCode.INTERRUPTED.code();
        }
        if (denied.isPresent()) {
            report("permission denied: " + denied.get().getFile() + hint(denied.get()), e);
            return ExitCode.PERMISSION_DENIED.code();
        }
        report("internal error: " + e + " (please report this; --log-level debug shows where)", e);
        return ExitCode.INTERNAL.code();
    }

    /** What to do about a file of another user: most often one an earlier {@code sudo kraft} made. */
    private static String hint(AccessDeniedException denied) {
        return "; it belongs to another user: if sudo kraft made it, give it back with sudo chown -R $USER "
                + denied.getFile();
    }

    private static Optional<AccessDeniedException> accessDenied(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccessDeniedException denied) {
                return Optional.of(denied);
            }
        }
        return Optional.empty();
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
