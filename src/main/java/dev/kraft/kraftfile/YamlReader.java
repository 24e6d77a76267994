package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.kraftfile.YamlNode.ScalarType;
import dev.kraft.support.Quoted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a Kraftfile's YAML into a {@link YamlNode} tree with positions, from SnakeYAML's
 * parser events, as KraftKit's yaml.v2 reads it: YAML 1.1 scalars ({@code yes}, {@code on},
 * {@code y} are booleans), aliases expanded to what they name. Bounded before and while it
 * parses, so that no input makes it slow: the text's size and line lengths, the nesting depth,
 * and the size of the tree once aliases are expanded (an alias bomb is refused, not expanded:
 * the tree shares the aliased nodes, and only their sizes are added up).
 */
final class YamlReader {
    static final int MAX_CHARS = 1 << 20;
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_DEPTH = 64;
    /** Values in the tree once every alias is expanded; a Kraftfile has a few hundred. */
    static final int MAX_EXPANDED = 100_000;
    /** yaml.v2's booleans, which include y and n (SnakeYAML's do not). */
    private static final Pattern BOOLEAN =
            Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final String MERGE_TAG = "tag:yaml.org,2002:merge";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(0|[1-9][0-9_]*|0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+)"
            + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private final String file;
    private final Map<String, Sized> anchors = new HashMap<>();
    private Parser parser;

    YamlReader(String file) {
        this.file = file;
    }

    /** A node and the number of values it stands for once its aliases are expanded. */
    private record Sized(YamlNode node, long size) {}

    YamlNode read(String text) {
        checkBounds(text);
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(false);
        options.setCodePointLimit(MAX_CHARS + 1);
        try {
            parser = new ParserImpl(new StreamReader(text), options);
            parser.getEvent();
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                return new MapNode(new Location(file, 1, 1), List.of(), false);
            }
            parser.getEvent();
            YamlNode root = node(0, "").node();
            parser.getEvent();
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                throw new KraftfileException(
                        at(parser.peekEvent().getStartMark()), "a Kraftfile holds one YAML document; this is a second");
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw new KraftfileException(new Location(file, 1, 1), "invalid YAML: " + firstLine(e.getMessage()));
        }
    }

    /** Size and line length, checked before a parser sees the text: SnakeYAML slows down badly on very long lines. */
    private void checkBounds(String text) {
        if (text.length() > MAX_CHARS) {
            throw new KraftfileException(
                    new Location(file, 1, 1),
                    "the file has " + text.length() + " characters; a Kraftfile may have at most " + MAX_CHARS);
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new KraftfileException(
                            new Location(file, line, MAX_LINE + 1),
                            "line " + line + " has " + (i - start)
                                    + " characters; a Kraftfile's lines may have at most " + MAX_LINE);
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** @param key the key whose value this is ("" for list items, keys and the document) */
    private Sized node(int depth, String key) {
        Event event = parser.getEvent();
        if (event instanceof AliasEvent alias) {
            Sized anchored = anchors.get(alias.getAnchor());
            if (anchored == null) {
                throw new KraftfileException(
                        at(event.getStartMark()),
                        "alias " + Quoted.of("*" + alias.getAnchor()) + " names no anchor defined before it");
            }
            return anchored;
        }
        Location at = at(event.getStartMark());
        if (depth >= MAX_DEPTH) {
            throw new KraftfileException(at, "values are nested more than " + MAX_DEPTH + " levels deep here");
        }
        Sized sized = switch (event.getEventId()) {
            case Scalar -> new Sized(scalar((ScalarEvent) event, at), 1);
            case SequenceStart -> list(at, depth);
            case MappingStart -> map(at, depth, key.equals("kconfig"));
            default -> throw new KraftfileException(at, "unexpected YAML here");
        };
        String anchor = ((NodeEvent) event).getAnchor();
        if (anchor != null) {
            anchors.put(anchor, sized);
        }
        return sized;
    }

    private Sized list(Location at, int depth) {
        List<YamlNode> items = new ArrayList<>();
        long size = 1;
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            Mark mark = parser.peekEvent().getStartMark();
            Sized item = node(depth + 1, "");
            size = grown(size, item, mark);
            items.add(item.node());
        }
        parser.getEvent();
        return new Sized(new ListNode(at, List.copyOf(items)), size);
    }

    /**
     * A map, with yaml.v2's merge keys: {@code <<: *base} (or a list of maps) writes the merged
     * map's entries at that point, over what is there, the first map of a list winning; a key
     * written after it overrides it. A key written twice is an error, except in a {@code kconfig}
     * map, where both are kept for {@link Nodes#kconfig} to judge.
     */
    private Sized map(Location at, int depth, boolean mayRepeat) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> explicit = new HashMap<>();
        Map<String, Integer> merged = new HashMap<>();
        boolean merges = false;
        long size = 1;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.peekEvent();
            Location keyAt = at(keyEvent.getStartMark());
            if (!(keyEvent instanceof ScalarEvent scalarKey)) {
                throw new KraftfileException(
                        keyAt,
                        "a key must be a plain value, not "
                                + (keyEvent instanceof CollectionStartEvent ? "a list or map" : "an alias"));
            }
            boolean merge =
                    scalarKey.getValue().equals("<<") && (scalarKey.isPlain() || MERGE_TAG.equals(scalarKey.getTag()));
            String name = ((Scalar) node(depth + 1, "").node()).text();
            Mark valueMark = parser.peekEvent().getStartMark();
            Sized value = node(depth + 1, name);
            size = grown(size, value, valueMark);
            if (merge) {
                merges = true;
                for (Entry entry : mergedEntries(value.node(), at(valueMark))) {
                    put(entries, merged, explicit.containsKey(entry.key()) ? explicit : merged, entry);
                }
                continue;
            }
            Integer first = explicit.get(name);
            if (first != null && !mayRepeat) {
                Location firstAt = entries.get(first).keyAt();
                throw new KraftfileException(
                        keyAt,
                        "duplicate key " + Quoted.of(name) + " (first at " + firstAt.line() + ":" + firstAt.column()
                                + ")");
            }
            Entry entry = new Entry(name, keyAt, value.node());
            Integer mergedAt = merged.remove(name);
            if (first == null && mergedAt != null) {
                entries.set(mergedAt, entry);
                explicit.put(name, mergedAt);
            } else {
                explicit.putIfAbsent(name, entries.size());
                entries.add(entry);
            }
        }
        parser.getEvent();
        return new Sized(new MapNode(at, List.copyOf(entries), merges), size);
    }

    /** Writes a merged entry over the one of its key, wherever that came from, or adds it. */
    private static void put(List<Entry> entries, Map<String, Integer> merged, Map<String, Integer> owner, Entry entry) {
        Integer at = owner.get(entry.key());
        if (at != null) {
            entries.set(at, entry);
        } else {
            merged.put(entry.key(), entries.size());
            entries.add(entry);
        }
    }

    /** What a merge key's value merges, in the order the writes happen: a list's first map last, so it wins. */
    private static List<Entry> mergedEntries(YamlNode value, Location at) {
        List<Entry> entries = new ArrayList<>();
        if (value instanceof MapNode map) {
            entries.addAll(map.entries());
        } else if (value instanceof ListNode list && list.items().stream().allMatch(MapNode.class::isInstance)) {
            for (int i = list.items().size() - 1; i >= 0; i--) {
                entries.addAll(((MapNode) list.items().get(i)).entries());
            }
        } else {
            throw new KraftfileException(at, "a merge key (<<) takes a map or a list of maps, not " + value.kind());
        }
        return entries;
    }

    /** The size of a collection with one more item, refused when expanded aliases make it too large. */
    private long grown(long size, Sized item, Mark itemMark) {
        long total = size + item.size();
        if (total > MAX_EXPANDED) {
            throw new KraftfileException(
                    at(itemMark),
                    "with its aliases expanded the document would hold more than " + MAX_EXPANDED
                            + " values (an alias bomb?)");
        }
        return total;
    }

    /** yaml.v2's reading of a scalar: a tag decides; plain text is typed; quoted text is a string. */
    private static Scalar scalar(ScalarEvent event, Location at) {
        String value = event.getValue();
        String tag = event.getTag();
        ScalarType type;
        if (tag != null && !tag.equals("!")) {
            type = switch (tag) {
                case "tag:yaml.org,2002:bool" -> ScalarType.BOOLEAN;
                case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float" -> ScalarType.NUMBER;
                case "tag:yaml.org,2002:null" -> ScalarType.NULL;
                default -> ScalarType.STRING;
            };
        } else if (!event.isPlain()) {
            type = ScalarType.STRING;
        } else if (NULL.matcher(value).matches()) {
            type = ScalarType.NULL;
        } else if (BOOLEAN.matcher(value).matches()) {
            type = ScalarType.BOOLEAN;
        } else {
            type = NUMBER.matcher(value).matches() ? ScalarType.NUMBER : ScalarType.STRING;
        }
        return new Scalar(at, type == ScalarType.NULL ? "" : value, type);
    }

    /** SnakeYAML knows where the problem is, and what was open when it was found. */
    private KraftfileException syntaxError(MarkedYAMLException marked) {
        Mark problem = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        String message = "invalid YAML: " + firstLine(marked.getProblem());
        Mark context = marked.getContextMark();
        if (marked.getContext() != null && context != null && context != problem) {
            message += " (" + firstLine(marked.getContext()) + " opened at " + (context.getLine() + 1) + ":"
                    + (context.getColumn() + 1) + ")";
        }
        return new KraftfileException(problem == null ? new Location(file, 1, 1) : at(problem), message);
    }

    private Location at(Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** A parser's message as one line of plain text: no control characters, not endless. */
    private static String firstLine(String message) {
        String text = message == null ? "malformed" : message.strip();
        int newline = text.indexOf('\n');
        return Quoted.plain(newline < 0 ? text : text.substring(0, newline), 200);
    }
}
