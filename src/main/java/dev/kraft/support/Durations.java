package dev.kraft.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Durations as people write them in flags and settings. */
public final class Durations {
    private Durations() {}

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 0} or ISO-8601 ({@code PT12H}); empty for anything else. */
    public static Optional<Duration> parse(String written) {
        String text = written.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
            }
            if (text.equals("0")) {
                return Optional.of(Duration.ZERO);
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Optional.of(Duration.ofSeconds(amount));
                case 'm' -> Optional.of(Duration.ofMinutes(amount));
                case 'h' -> Optional.of(Duration.ofHours(amount));
                case 'd' -> Optional.of(Duration.ofDays(amount));
                default -> Optional.empty();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
