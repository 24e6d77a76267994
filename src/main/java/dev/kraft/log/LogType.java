package dev.kraft.log;

import java.util.Locale;
import java.util.Optional;

/** How kraft's messages look on stderr. */
public enum LogType {
    /** Plain lines, one per step: the default, good in pipes and CI. */
    BASIC,
    /** Colour and a live status line; only on a terminal, only when asked. */
    FANCY,
    /** One JSON object per line. */
    JSON,
    /** Warnings and errors only. */
    QUIET;

    public static Optional<LogType> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
