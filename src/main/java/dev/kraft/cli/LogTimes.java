package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times docker's {@code logs --since/--until} take: RFC 3339 ({@code 2024-05-01T10:00:00Z},
 * with or without a zone, then local), a date, a Unix time ({@code 1714557600.5}), or a while
 * ago ({@code 90s}, {@code 10m}, {@code 1h30m}).
 */
final class LogTimes {
    private static final Pattern DURATION = Pattern.compile("((?:[0-9]+(?:ms|s|m|h))+)");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private LogTimes() {}

    /** Epoch milliseconds; a form none of these is a usage error naming the flag. */
    static long parse(String flag, String text, Clock clock) {
        if (DURATION.matcher(text).matches()) {
            long millis = 0;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                millis += switch (part.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount * 1000;
                    case "m" -> amount * 60_000;
                    default -> amount * 3_600_000;
                };
            }
            return clock.millis() - millis;
        }
        try {
            if (text.matches("[0-9]+(\\.[0-9]+)?")) {
                return new BigDecimal(text).movePointRight(3).longValue();
            }
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(text)
                        .atStartOfDay(clock.getZone())
                        .toInstant()
                        .toEpochMilli();
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(text)
                        .atZone(clock.getZone())
                        .toInstant()
                        .toEpochMilli();
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new KraftException(
                    ExitCode.USAGE,
                    flag + " " + text + ": expected a time such as 2024-05-01T10:00:00Z, 1714557600 or 10m");
        }
    }
}
