package dev.kraft.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after its name ({@code kraft --log-level debug build}
 * and {@code kraft build --log-level debug} alike). Unset options fall back to the environment
 * and config.yaml in {@link Services}.
 */
public final class GlobalOptions {
    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "How much to say: error, warn, info (default), debug, trace. Stack traces appear only at debug.")
    String logLevel;

    @Option(names = "--log-type", scope = ScopeType.INHERIT, paramLabel = "TYPE",
            description = "How to say it: basic (default, plain lines), fancy (colour and live progress, on a terminal only), json (one object per line), quiet.")
    String logType;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never write colour (as NO_COLOR=1 does).")
    boolean noColor;

    @Option(names = "--no-prompt", scope = ScopeType.INHERIT, description = "Never ask a question; fail instead (also KRAFTKIT_NO_PROMPT).")
    boolean noPrompt;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where config.yaml is (default $KRAFTKIT_CONFIG_DIR, then $XDG_CONFIG_HOME/kraftkit, then ~/.config/kraftkit).")
    Path configDir;
}
