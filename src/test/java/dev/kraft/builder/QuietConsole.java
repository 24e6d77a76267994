package dev.kraft.builder;

import dev.kraft.log.Console;
import dev.kraft.log.LogLevel;
import dev.kraft.log.LogType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** A console for tests that prints nothing (errors go nowhere either). */
final class QuietConsole {
    private QuietConsole() {}

    static Console create() {
        return new Console(
                LogType.BASIC,
                LogLevel.ERROR,
                false,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}
