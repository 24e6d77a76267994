package dev.kraft.machine;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as KraftKit (and Kubernetes) write them: {@code 64Mi}, {@code 1G} and {@code 512M}
 * (decimal), {@code 1048576}; and as docker does, in lower case: {@code 512m}, {@code 1g} are
 * binary (KraftKit would read {@code m} as milli and refuse the size).
 */
public final class Quantity {
    private static final Pattern FORM = Pattern.compile("^([0-9]+)([KMGTkmgt]i?)?[Bb]?$");
    private static final long MIB = 1024 * 1024;

    private Quantity() {}

    public static long parseBytes(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new KraftException(
                    ExitCode.USAGE, Input.MEMORY, text, "expected a size such as 64Mi, 512M, 1G or 512m");
        }
        long number = Long.parseLong(m.group(1));
        String written = m.group(2) == null ? "" : m.group(2);
        boolean docker = !written.isEmpty() && Character.isLowerCase(written.charAt(0));
        String unit = (written + (docker && !written.endsWith("i") ? "i" : "")).toUpperCase(Locale.ROOT);
        long scale = switch (unit) {
            case "" -> 1;
            case "K" -> 1000L;
            case "KI" -> 1024L;
            case "M" -> 1000L * 1000;
            case "MI" -> MIB;
            case "G" -> 1000L * 1000 * 1000;
            case "GI" -> 1024 * MIB;
            case "T" -> 1000L * 1000 * 1000 * 1000;
            default -> 1024L * 1024 * MIB;
        };
        long bytes = number * scale;
        if (bytes < MIB) {
            throw new KraftException(ExitCode.USAGE, Input.MEMORY, text, "a machine needs at least 1Mi");
        }
        return bytes;
    }

    public static long mebibytes(long bytes) {
        return bytes / MIB;
    }
}
