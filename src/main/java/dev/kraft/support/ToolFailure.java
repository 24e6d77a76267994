package dev.kraft.support;

import java.util.List;

/**
 * A failure of another program whose own last words say why (make, QEMU): the CLI prints them
 * as they are, above the one-line message, so the user need not open a log (which a machine
 * run with {@code --rm} no longer has).
 */
public final class ToolFailure extends KraftException {
    private static final long serialVersionUID = 1L;
    private final List<String> output;

    public ToolFailure(ExitCode exitCode, String message, List<String> output) {
        super(exitCode, message);
        this.output = List.copyOf(output);
    }

    /** The tool's lines worth showing, oldest first. */
    public List<String> output() {
        return output;
    }
}
