package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.support.Quoted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a node sits in the text: the line of its key (or list dash), that key's indentation,
 * and {@code bound}, the line where whatever follows it starts. The YAML tree knows only where
 * nodes begin; the next sibling (or an ancestor's next sibling) tells where they end.
 *
 * @param line   the key's line; 0 for the document
 * @param indent the key's (or dash's) indentation; -1 for the document
 */
record YamlPlace(String name, YamlNode node, int line, int indent, int bound, YamlLines lines) {
    static YamlPlace document(YamlNode root, YamlLines lines) {
        return new YamlPlace("the Kraftfile", root, 0, -1, lines.size() + 1, lines);
    }

    Optional<YamlPlace> child(String key) {
        if (!(node instanceof MapNode map)) {
            return Optional.empty();
        }
        List<Entry> entries = map.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.key().equals(key)) {
                if (map.merges() || entry.value().at().before(entry.keyAt())) {
                    throw new KraftfileException(
                            entry.keyAt(),
                            Quoted.of(line == 0 ? key : name + "." + key) + " is written with "
                                    + (map.merges() ? "a merge key (<<) beside it" : "an alias")
                                    + "; kraft edits only what is written out in place, "
                                    + "so edit it by hand");
                }
                int next = i + 1 < entries.size() ? entries.get(i + 1).keyAt().line() : bound;
                String path = line == 0 ? key : name + "." + key;
                return Optional.of(new YamlPlace(
                        path, entry.value(), entry.keyAt().line(), entry.keyAt().column() - 1, next, lines));
            }
        }
        return Optional.empty();
    }

    List<YamlPlace> items() {
        List<YamlPlace> places = new ArrayList<>();
        if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                YamlNode item = list.items().get(i);
                int next = i + 1 < list.items().size()
                        ? list.items().get(i + 1).at().line()
                        : bound;
                int dash = YamlLines.indent(lines.line(item.at().line()));
                places.add(new YamlPlace(name + "[" + i + "]", item, item.at().line(), dash, next, lines));
            }
        }
        return places;
    }

    /**
     * Adds an entry (its lines, indented relative to the entry's key) at the end of this map,
     * with the indentation of its other keys, or one step deeper than its own key when empty.
     * The document takes it at the end of the file.
     */
    void append(int unit, List<String> entry) {
        if (line == 0) {
            lines.append(entry);
            return;
        }
        requireBlock();
        int keyIndent;
        int after;
        if (node instanceof MapNode map && !map.entries().isEmpty()) {
            Entry lastEntry = map.entries().get(map.entries().size() - 1);
            keyIndent = map.entries().get(0).keyAt().column() - 1;
            after = child(lastEntry.key()).orElseThrow().last();
        } else if (empty()) {
            keyIndent = indent + unit;
            after = line;
        } else {
            throw new KraftfileException(at(), Quoted.of(name) + " should be a map, not " + node.kind());
        }
        String pad = " ".repeat(keyIndent);
        lines.insert(after, entry.stream().map(text -> pad + text).toList());
    }

    /** Refuses {@code {a: b}} and {@code [a]}: rewriting them would mean rewriting their whole line. */
    YamlPlace requireBlock() {
        if (!(node instanceof Scalar)) {
            String text = lines.line(at().line());
            char first = at().column() <= text.length() ? text.charAt(at().column() - 1) : ' ';
            if (first == '{' || first == '[') {
                throw new KraftfileException(
                        at(),
                        Quoted.of(name) + " is written in flow style ({...} or [...]); kraft edits "
                                + "only block style (one entry per line): rewrite it so, then try again");
            }
        }
        return this;
    }

    int last() {
        return lines.lastLine(line, bound, indent);
    }

    boolean empty() {
        return node instanceof Scalar scalar && scalar.type() == YamlNode.ScalarType.NULL;
    }

    Location at() {
        return node.at();
    }

    /** The indentation step the file uses (2 or 4, usually): from its first nested block map. */
    static int unit(YamlNode node) {
        if (node instanceof MapNode map) {
            for (Entry entry : map.entries()) {
                if (entry.value() instanceof MapNode child
                        && !child.entries().isEmpty()
                        && child.at().line() != entry.keyAt().line()) {
                    return child.entries().get(0).keyAt().column()
                            - entry.keyAt().column();
                }
            }
        }
        return 2;
    }
}
