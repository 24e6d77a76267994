package dev.kraft.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A plain text table: columns padded to their widest cell, two spaces apart, no borders; or
 * KraftKit's {@code -o list}: each row as {@code key: value} lines, keys right-aligned, a blank
 * line between rows.
 */
final class Table {
    private Table() {}

    static void print(List<List<String>> rows, PrintStream out) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] + 2 - cell.length()));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The rows after the header as KraftKit's list: {@code   name: web}, multi-valued cells one value a line. */
    static void printList(List<List<String>> rows, PrintStream out) {
        List<String> header = rows.get(0);
        int width = header.stream().mapToInt(String::length).max().orElse(0);
        for (int r = 1; r < rows.size(); r++) {
            for (int c = 0; c < header.size(); c++) {
                String key = header.get(c).toLowerCase(Locale.ROOT);
                String[] values = rows.get(r).get(c).split(", ", -1);
                out.println(" ".repeat(width - key.length() + 1) + key + ": " + values[0]);
                for (int v = 1; v < values.length; v++) {
                    out.println(" ".repeat(width + 3) + values[v]);
                }
            }
            if (r < rows.size() - 1) {
                out.println();
            }
        }
    }
}
