package dev.kraft.cli;

import java.io.PrintStream;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, no borders. */
final class Table {
    private Table() {
    }

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
}
