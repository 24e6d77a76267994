package dev.kraft.support;

/**
 * A failure the user should read as one line. Carries its exit code so that one place
 * (the CLI's error handler) maps every failure to the process status.
 */
public class KraftException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExitCode exitCode;

    public KraftException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public KraftException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
