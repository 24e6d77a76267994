package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code kraft pkg --args} into words as KraftKit does (go-shellwords): blanks separate,
 * single quotes keep everything, double quotes keep blanks, a backslash keeps the next
 * character. Nothing is expanded: no variables, no globs.
 */
final class ShellWords {
    private ShellWords() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\'
                    && i + 1 < line.length()
                    && (quote == 0 || "\"\\$`".indexOf(line.charAt(i + 1)) >= 0)) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new KraftException(ExitCode.USAGE, "--args " + line + ": unclosed " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
