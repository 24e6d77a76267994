package dev.kraft.kraftfile;

import dev.kraft.support.Quoted;
import java.util.Map;

/**
 * Compose-style variable substitution in Kraftfile strings, from the user's environment:
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}}
 * (unset), and {@code $$} for a literal dollar. An undefined variable without a default is an
 * error at its place in the file, never an empty string.
 */
final class Interpolator {
    private final Map<String, String> env;

    Interpolator(Map<String, String> env) {
        this.env = env;
    }

    String apply(String text, Location at) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new KraftfileException(at, "unterminated \"${\" in " + Quoted.of(text));
                }
                out.append(braced(text.substring(i + 2, close), at));
                i = close + 1;
            } else if (isNameStart(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end), at));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String expression, Location at) {
        int colonDash = expression.indexOf(":-");
        int dash = expression.indexOf('-');
        if (colonDash > 0) {
            String value = env.get(name(expression.substring(0, colonDash), at));
            return value == null || value.isEmpty() ? expression.substring(colonDash + 2) : value;
        }
        if (dash > 0) {
            String value = env.get(name(expression.substring(0, dash), at));
            return value == null ? expression.substring(dash + 1) : value;
        }
        return lookup(name(expression, at), at);
    }

    private String lookup(String name, Location at) {
        String value = env.get(name);
        if (value == null) {
            throw new KraftfileException(
                    at, "variable " + Quoted.of(name) + " is not set (set it, or write ${" + name + ":-default})");
        }
        return value;
    }

    private static String name(String text, Location at) {
        if (text.isEmpty() || !isNameStart(text.charAt(0)) || !text.chars().allMatch(c -> isNamePart((char) c))) {
            throw new KraftfileException(at, "invalid variable name " + Quoted.of(text));
        }
        return text;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
