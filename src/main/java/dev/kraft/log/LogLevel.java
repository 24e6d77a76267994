package dev.kraft.log;

import java.util.Locale;
import java.util.Optional;

/** How much kraft says. Ordered from most to least talkative; KraftKit's fatal and panic say what error says. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    public static Optional<LogLevel> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return Optional.of(WARN);
        }
        if (name.equals("FATAL") || name.equals("PANIC")) {
            return Optional.of(ERROR);
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
