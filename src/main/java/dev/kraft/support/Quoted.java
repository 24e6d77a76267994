package dev.kraft.support;

/**
 * Text from a file or the network as a message shows it: cut short when long (a 5 MB value has
 * no place in an error line), control characters escaped so that no newline splits the line and
 * no terminal escape sequence reaches the screen.
 */
public final class Quoted {
    static final int MAX = 60;

    private Quoted() {}

    /** In double quotes, at most 60 characters of it. */
    public static String of(String text) {
        String shown = "\""
                + escaped(text.length() > MAX ? text.substring(0, MAX) : text).replace("\"", "\\\"") + "\"";
        return text.length() > MAX ? shown + " (" + text.length() + " characters, cut)" : shown;
    }

    /** Unquoted, at most {@code max} characters of it, with "…" where it was cut. */
    public static String plain(String text, int max) {
        return escaped(text.length() > max ? text.substring(0, max) : text) + (text.length() > max ? "…" : "");
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
