package dev.kraft.support;

/**
 * Text from a file or the network as a message shows it: in double quotes, cut short when long
 * (a 5 MB value has no place in an error line), control characters escaped so that no newline
 * splits the line and no terminal escape sequence reaches the screen.
 */
public final class Quoted {
    static final int MAX = 60;

    private Quoted() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX; i++, shown++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return text.length() > MAX ? out + " (" + text.length() + " characters, cut)" : out.toString();
    }
}
