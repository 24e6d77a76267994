package dev.kraft.builder.kconfig;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import dev.kraft.unikraft.KConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kconfig file format, both ways: {@code CONFIG_X=y}, {@code # CONFIG_X is not set} for n,
 * numbers bare, everything else double-quoted with {@code "} and {@code \} escaped.
 */
public final class Defconfig {
    private static final Pattern SET = Pattern.compile("^(CONFIG_[A-Za-z0-9_]+)=(.*)$");
    private static final Pattern UNSET = Pattern.compile("^# (CONFIG_[A-Za-z0-9_]+) is not set$");
    private static final Pattern NUMBER = Pattern.compile("^(-?[0-9]+|0[xX][0-9a-fA-F]+)$");

    private Defconfig() {}

    public static String write(KConfig config) {
        StringBuilder text = new StringBuilder();
        config.asMap().forEach((key, value) -> text.append(line(key, value)).append('\n'));
        return text.toString();
    }

    static String line(String key, String value) {
        if (!KConfig.isSymbol(key) || !KConfig.isOneLine(value)) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    "Kconfig cannot hold " + Quoted.of(key) + " = " + Quoted.of(value)
                            + ": a symbol is CONFIG_ followed by letters, digits and _, and a value is one line");
        }
        if (value.equals("n")) {
            return "# " + key + " is not set";
        }
        if (value.equals("y") || value.equals("m") || NUMBER.matcher(value).matches()) {
            return key + "=" + value;
        }
        return key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Reads a .config: unset symbols as {@code n}, quoted strings unquoted. */
    public static KConfig read(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Matcher set = SET.matcher(line);
            Matcher unset = UNSET.matcher(line);
            if (set.matches()) {
                values.put(set.group(1), unquote(set.group(2)));
            } else if (unset.matches()) {
                values.put(unset.group(1), "n");
            }
        }
        return KConfig.of(values);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }
}
