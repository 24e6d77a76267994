package dev.kraft.kraftfile;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;

/** A problem with what the user wrote, reported at the place they wrote it. */
public final class KraftfileException extends KraftException {
    private static final long serialVersionUID = 1L;

    public KraftfileException(Location at, String message) {
        this(ExitCode.INVALID_INPUT, at, message);
    }

    public KraftfileException(ExitCode code, Location at, String message) {
        super(code, at + ": " + message);
    }
}
