package dev.kraft.support;

import java.util.List;

/** A command as a line a user can paste into sh: words quoted only where the shell would change them. */
public final class ShellWords {
    private ShellWords() {}

    public static String line(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }

    private static String quote(String word) {
        return !word.isEmpty()
                        && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:+,@%".indexOf(c) >= 0)
                ? word
                : "'" + word.replace("'", "'\\''") + "'";
    }
}
