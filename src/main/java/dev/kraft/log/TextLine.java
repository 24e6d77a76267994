package dev.kraft.log;

import java.util.Map;

/** One message as a plain (or, on a terminal that allows it, coloured) line. */
final class TextLine {
    private static final String RESET = "\u001b[0m";

    private TextLine() {}

    static String of(LogLevel level, String message, Map<String, Object> fields, boolean color) {
        StringBuilder line = new StringBuilder();
        String prefix = prefix(level);
        if (!prefix.isEmpty()) {
            line.append(color ? colour(level) + prefix + RESET : prefix);
        }
        line.append(message);
        fields.forEach(
                (key, value) -> line.append(' ').append(key).append('=').append(quoteIfNeeded(String.valueOf(value))));
        return line.toString();
    }

    private static String prefix(LogLevel level) {
        return switch (level) {
            case INFO -> "";
            case WARN -> "warning: ";
            default -> level.label() + ": ";
        };
    }

    private static String colour(LogLevel level) {
        return switch (level) {
            case ERROR -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            default -> "\u001b[2m";
        };
    }

    private static String quoteIfNeeded(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"')
                ? '"' + value.replace("\"", "\\\"") + '"'
                : value;
    }
}
