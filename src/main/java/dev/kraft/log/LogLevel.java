package dev.kraft.log;

import java.util.Locale;
import java.util.Optional;

/** How much kraft says. Ordered from most to least talkative. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    public static Optional<LogLevel> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return Optional.of(WARN);
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
