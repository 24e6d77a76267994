package dev.kraft.pkg.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kraft.support.Digests;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KraftKit's YAML for indexes and manifests, read ({@link ManifestWriter} writes it back).
 * Reading checks what later code relies on (names that are safe as file names, hex digests)
 * and names the document and key at fault; keys kraft does not know are ignored, as KraftKit
 * ignores them.
 */
public final class ManifestYaml {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern TYPE = Pattern.compile("[a-z]{1,16}");

    private ManifestYaml() {}

    /** The document as a mapping; anything else (HTML, a bare string, broken YAML) is refused. */
    public static JsonNode tree(String text, String location) {
        JsonNode node;
        try {
            node = YamlTree.read(text);
        } catch (JsonProcessingException e) {
            throw invalid(location, "not YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid(location, "cannot read: " + oneLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw invalid(location, "not a manifest index or manifest (expected a YAML mapping)");
        }
        return node;
    }

    public static boolean isIndex(JsonNode node) {
        return node.has("manifests");
    }

    /** A manifest may only point at another ({@code manifest: ./other.yaml}) instead of listing versions. */
    public static Optional<String> pointer(JsonNode node) {
        return node.hasNonNull("manifest") && !node.has("channels") && !node.has("versions")
                ? Optional.of(node.get("manifest").asText())
                : Optional.empty();
    }

    public static ManifestIndex index(JsonNode node, String location) {
        List<ManifestIndex.Entry> entries = new ArrayList<>();
        for (JsonNode entry : list(node, "manifests", location)) {
            if (!entry.isObject()) {
                throw invalid(location, "each of \"manifests\" must be a mapping");
            }
            entries.add(new ManifestIndex.Entry(
                    name(entry, location), type(entry, location), text(entry, "manifest", location)));
        }
        return new ManifestIndex(text(node, "name", location), text(node, "last_updated", location), entries);
    }

    public static Manifest manifest(JsonNode node, String location) {
        List<Manifest.Channel> channels = new ArrayList<>();
        for (JsonNode c : list(node, "channels", location)) {
            channels.add(new Manifest.Channel(
                    text(c, "name", location),
                    c.path("default").asBoolean(false),
                    text(c, "latest", location),
                    text(c, "resource", location),
                    sha256(c, location)));
        }
        List<Manifest.Version> versions = new ArrayList<>();
        for (JsonNode v : list(node, "versions", location)) {
            versions.add(new Manifest.Version(
                    text(v, "version", location),
                    text(v, "type", location),
                    text(v, "unikraft", location),
                    text(v, "resource", location),
                    sha256(v, location)));
        }
        return new Manifest(
                name(node, location),
                type(node, location),
                text(node, "description", location),
                text(node, "origin", location),
                text(node, "provider", location),
                channels,
                versions);
    }

    /**
     * The YAML parser's message is several lines (context, problem, source snippets, marks);
     * the last unindented line is the problem and the last mark says where.
     */
    private static String oneLine(String message) {
        String problem = message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .reduce((first, second) -> second)
                .orElse(message)
                .strip();
        Matcher mark = Pattern.compile("line (\\d+), column (\\d+)").matcher(message);
        String where = "";
        while (mark.find()) {
            where = " (line " + mark.group(1) + ", column " + mark.group(2) + ")";
        }
        return problem + where;
    }

    private static Iterable<JsonNode> list(JsonNode node, String key, String location) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(location, "\"" + key + "\" must be a list");
        }
        return value;
    }

    private static String text(JsonNode node, String key, String location) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw invalid(location, "\"" + key + "\" must be text");
        }
        return value.asText().strip();
    }

    private static String name(JsonNode node, String location) {
        String name = text(node, "name", location);
        if (!NAME.matcher(name).matches()) {
            throw invalid(
                    location,
                    name.isEmpty() ? "an entry has no name" : "name \"" + name + "\" is not a valid package name");
        }
        return name;
    }

    private static String type(JsonNode node, String location) {
        String type = text(node, "type", location);
        if (!TYPE.matcher(type).matches()) {
            throw invalid(location, "\"" + text(node, "name", location) + "\" has no valid type (core, lib, app, …)");
        }
        return type;
    }

    private static String sha256(JsonNode node, String location) {
        String text = text(node, "sha256", location);
        return text.isEmpty()
                ? ""
                : Digests.parseSha256(text)
                        .orElseThrow(() -> invalid(location, "sha256 \"" + text + "\" is not 64 hex digits"));
    }

    private static KraftException invalid(String location, String why) {
        return new KraftException(ExitCode.INVALID_INPUT, location + ": " + why);
    }
}
