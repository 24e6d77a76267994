package dev.kraft.support;

import java.util.Optional;

/**
 * A failure the user should read as one line. Carries its exit code so that one place
 * (the CLI's error handler) maps every failure to the process status, and, when the failure is
 * about one input, which one and its value, so that place can name the flag the user typed.
 */
public class KraftException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExitCode exitCode;
    private final transient Input input;
    private final String value;

    public KraftException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public KraftException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, null, "", message, cause);
    }

    /** A failure about one input: {@code value} is what the user gave, {@code message} what is wrong with it. */
    public KraftException(ExitCode exitCode, Input input, String value, String message) {
        this(exitCode, input, value, message, null);
    }

    public KraftException(ExitCode exitCode, Input input, String value, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.input = input;
        this.value = value;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public Optional<Input> input() {
        return Optional.ofNullable(input);
    }

    /** The input's value as the user gave it; empty for inputs without one (offline mode). */
    public String value() {
        return value;
    }
}
