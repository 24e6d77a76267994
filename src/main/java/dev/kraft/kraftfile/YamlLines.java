package dev.kraft.kraftfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML text as lines (1-based, as {@link Location}s count them) that can be changed in place.
 * The editor changes only the lines it must, so comments, blank lines and quoting elsewhere stay
 * exactly as the user wrote them.
 */
final class YamlLines {
    private final List<String> lines;
    private final boolean finalNewline;
    /** The file's line ending, from its first line, so that lines kraft adds end as the user's do. */
    private final String newline;

    YamlLines(String text) {
        finalNewline = text.isEmpty() || text.endsWith("\n");
        int first = text.indexOf('\n');
        newline = first > 0 && text.charAt(first - 1) == '\r' ? "\r\n" : "\n";
        lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (finalNewline) {
            lines.remove(lines.size() - 1);
        }
    }

    int size() {
        return lines.size();
    }

    String line(int number) {
        return lines.get(number - 1);
    }

    static int indent(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }

    /**
     * The last line that belongs to a node starting at {@code first} whose successor starts at
     * {@code bound}: trailing blank lines, and comments no deeper than the node's own
     * indentation, introduce what follows and stay with it.
     */
    int lastLine(int first, int bound, int ownIndent) {
        int last = bound - 1;
        while (last > first) {
            String text = line(last);
            boolean blank = text.isBlank();
            boolean outerComment = text.strip().startsWith("#") && indent(text) <= ownIndent;
            if (!blank && !outerComment) {
                break;
            }
            last--;
        }
        return last;
    }

    /** Inserts after line {@code after} (0: at the top). */
    void insert(int after, List<String> added) {
        lines.addAll(after, added);
    }

    void delete(int first, int last) {
        lines.subList(first - 1, last).clear();
    }

    void replace(int number, String text) {
        lines.set(number - 1, text);
    }

    /** Appends at the end, so that the file still ends with a line break. */
    void append(List<String> added) {
        lines.addAll(added);
    }

    String text() {
        String joined = String.join(newline, lines);
        return finalNewline && !lines.isEmpty() ? joined + newline : joined;
    }

    /** The comment after a one-line value starting at {@code column}, with the spaces before it, or "". */
    static String trailingComment(String line, int column) {
        int start = column - 1;
        int from = start;
        if (start < line.length() && (line.charAt(start) == '\'' || line.charAt(start) == '"')) {
            from = closingQuote(line, start) + 1;
        }
        int hash = line.indexOf(" #", from);
        if (hash < 0) {
            return "";
        }
        int spaces = hash;
        while (spaces > from && line.charAt(spaces - 1) == ' ') {
            spaces--;
        }
        return line.substring(spaces);
    }

    private static int closingQuote(String line, int open) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            if (line.charAt(i) == quote) {
                boolean doubled = quote == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'';
                if (!doubled) {
                    return i;
                }
                i++;
            } else if (quote == '"' && line.charAt(i) == '\\') {
                i++;
            }
        }
        return line.length() - 1;
    }

    /** Single quotes, as KraftKit's examples write Kconfig values ({@code 'y'} stays a string). */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
