package dev.kraft.support;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for a misspelt key, flag or name: the closest candidate within two edits. */
public final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.min(MAX_DISTANCE, typed.length() / 2 + 1)
                ? Optional.ofNullable(best)
                : Optional.empty();
    }

    /** " (did you mean \"x\"?)" or nothing. */
    public static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates)
                .map(c -> " (did you mean \"" + c + "\"?)")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
