package dev.kraft.kraftfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.kraftfile.YamlNode.ScalarType;
import dev.kraft.support.Quoted;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML text into a {@link YamlNode} tree with positions, using Jackson's streaming parser. */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private final String file;

    YamlReader(String file) {
        this.file = file;
    }

    YamlNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new MapNode(new Location(file, 1, 1), List.of());
            }
            return node(parser);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                throw syntaxError(marked);
            }
            JsonLocation where = e.getLocation();
            Location at = where == null ? new Location(file, 1, 1) : location(where);
            throw new KraftfileException(at, "invalid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new KraftfileException(new Location(file, 1, 1), "cannot read: " + e.getMessage());
        }
    }

    /** SnakeYAML knows where the problem is, and what was open when it was found. */
    private KraftfileException syntaxError(MarkedYAMLException marked) {
        Mark problem = marked.getProblemMark();
        String message = "invalid YAML: " + firstLine(marked.getProblem());
        Mark context = marked.getContextMark();
        if (marked.getContext() != null && context != null) {
            message += " (" + firstLine(marked.getContext()) + " opened at " + (context.getLine() + 1) + ":" + (context.getColumn() + 1) + ")";
        }
        return new KraftfileException(new Location(file, problem.getLine() + 1, problem.getColumn() + 1), message);
    }

    private YamlNode node(JsonParser parser) throws IOException {
        Location at = location(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> map(parser, at);
            case START_ARRAY -> list(parser, at);
            case VALUE_STRING -> new Scalar(at, parser.getText(), ScalarType.STRING);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(at, parser.getText(), ScalarType.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> new Scalar(at, parser.getText(), ScalarType.BOOLEAN);
            case VALUE_NULL -> new Scalar(at, "", ScalarType.NULL);
            default -> throw new KraftfileException(at, "unexpected YAML token " + token);
        };
    }

    private MapNode map(JsonParser parser, Location at) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser.currentTokenLocation());
            if (!seen.add(key)) {
                throw new KraftfileException(keyAt, "duplicate key " + Quoted.of(key));
            }
            parser.nextToken();
            entries.add(new Entry(key, keyAt, node(parser)));
        }
        return new MapNode(at, List.copyOf(entries));
    }

    private ListNode list(JsonParser parser, Location at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser));
        }
        return new ListNode(at, List.copyOf(items));
    }

    private Location location(JsonLocation where) {
        return new Location(file, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
    }

    private static String firstLine(String message) {
        String text = message == null ? "malformed" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
