package dev.kraft.kraftfile;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML document as a tree that remembers where each node was written, so that every
 * validation error can name its line and column.
 */
public sealed interface YamlNode {
    Location at();

    /** What a user would call this kind of value, for "expected X, got Y" messages. */
    String kind();

    record Entry(String key, Location keyAt, YamlNode value) {}

    /** @param merges whether a merge key ({@code <<}) wrote some of the entries: then they are not all where the text has them */
    record MapNode(Location at, List<Entry> entries, boolean merges) implements YamlNode {
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record ListNode(Location at, List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    enum ScalarType {
        STRING,
        NUMBER,
        BOOLEAN,
        NULL
    }

    record Scalar(Location at, String text, ScalarType type) implements YamlNode {
        private static final Set<String> TRUE =
                Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");

        /** A boolean's value, as yaml.v2 reads it ({@code y}, {@code yes} and {@code on} are true). */
        public boolean isTrue() {
            return type == ScalarType.BOOLEAN && TRUE.contains(text);
        }

        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "nothing";
            };
        }
    }
}
