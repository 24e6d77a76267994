package dev.kraft.pkg.oci;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The image index and manifest documents, as bytes KraftKit's Go code would write: fields in
 * image-spec's struct order, maps sorted, no spaces, and {@code <}, {@code >}, {@code &} escaped
 * as Go's encoder does. Reading accepts any field order.
 */
public final class OciJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
    }

    private OciJson() {}

    /** An image manifest: its config, its layers (never none), its annotations. */
    public record Manifest(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {}

    /** An image index: one descriptor per platform's manifest. */
    public record Index(List<Descriptor> manifests, Map<String, String> annotations) {}

    public static byte[] manifest(Manifest manifest) {
        ObjectNode node = versioned(Descriptor.MANIFEST);
        node.set("config", manifest.config().toJson());
        node.set("layers", Descriptor.listToJson(manifest.layers()));
        annotations(node, manifest.annotations());
        return bytes(node);
    }

    public static byte[] index(Index index) {
        ObjectNode node = versioned(Descriptor.INDEX);
        node.set("manifests", Descriptor.listToJson(index.manifests()));
        annotations(node, index.annotations());
        return bytes(node);
    }

    public static Manifest readManifest(byte[] bytes, String what) {
        JsonNode node = read(bytes, what, Descriptor.MANIFEST);
        if (!node.path("config").isObject() || !node.path("layers").isArray()) {
            throw new KraftException(ExitCode.VERIFY_FAILED, what + ": not an image manifest (no config or layers)");
        }
        return new Manifest(
                Descriptor.fromJson(node.get("config")),
                Descriptor.listFromJson(node.get("layers")),
                annotations(node));
    }

    public static Index readIndex(byte[] bytes, String what) {
        JsonNode node = read(bytes, what, Descriptor.INDEX);
        return new Index(Descriptor.listFromJson(node.path("manifests")), annotations(node));
    }

    static JsonNode read(byte[] bytes, String what, String mediaType) {
        return read(bytes, what, List.of(mediaType));
    }

    /** A JSON object whose {@code mediaType}, when it names one, is one of those given. */
    static JsonNode read(byte[] bytes, String what, List<String> mediaTypes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.VERIFY_FAILED,
                    what + ": not JSON: "
                            + Quoted.plain(e.getMessage().lines().findFirst().orElse(""), 120));
        }
        if (node == null
                || !node.isObject()
                || node.has("mediaType")
                        && !mediaTypes.contains(node.get("mediaType").asText())) {
            throw new KraftException(
                    ExitCode.VERIFY_FAILED,
                    what + ": expected " + String.join(" or ", mediaTypes) + ", got "
                            + (node != null && node.has("mediaType")
                                    ? node.get("mediaType").asText()
                                    : "something else"));
        }
        return node;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode versioned(String mediaType) {
        return JsonNodeFactory.instance.objectNode().put("schemaVersion", 2).put("mediaType", mediaType);
    }

    private static void annotations(ObjectNode node, Map<String, String> annotations) {
        if (!annotations.isEmpty()) {
            ObjectNode map = node.putObject("annotations");
            new TreeMap<>(annotations).forEach(map::put);
        }
    }

    private static Map<String, String> annotations(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.path("annotations")
                .properties()
                .forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** Go's json.Marshal escapes these so JSON can sit in HTML; the same bytes need the same escapes. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = standardAsciiEscapesForJSON();

        GoEscapes() {
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029
                    ? new SerializedString(String.format("\\u%04x", ch))
                    : null;
        }
    }
}
