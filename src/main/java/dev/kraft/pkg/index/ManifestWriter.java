package dev.kraft.pkg.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Indexes and manifests back to KraftKit's YAML, for the local copy: the keys KraftKit reads,
 * in its order, empty values left out so the files stay as small as the sources wrote them.
 */
public final class ManifestWriter {
    /** Only writing needs a mapper: reading builds its trees without one ({@link YamlTree}). */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ManifestWriter() {}

    public static String write(ManifestIndex index) {
        ObjectNode root = YAML.createObjectNode();
        putIfSet(root, "name", index.name());
        root.put("last_updated", index.lastUpdated());
        ArrayNode list = root.putArray("manifests");
        index.manifests()
                .forEach(e -> list.addObject()
                        .put("name", e.name())
                        .put("type", e.type())
                        .put("manifest", e.manifest()));
        return dump(root);
    }

    public static String write(Manifest manifest) {
        ObjectNode root = YAML.createObjectNode().put("name", manifest.name()).put("type", manifest.type());
        putIfSet(root, "description", manifest.description());
        putIfSet(root, "origin", manifest.origin());
        putIfSet(root, "provider", manifest.provider());
        ArrayNode channels = root.putArray("channels");
        for (Manifest.Channel c : manifest.channels()) {
            ObjectNode node = channels.addObject().put("name", c.name());
            if (c.isDefault()) {
                node.put("default", true);
            }
            putIfSet(node, "latest", c.latest());
            putIfSet(node, "resource", c.resource());
            putIfSet(node, "sha256", c.sha256());
        }
        ArrayNode versions = root.putArray("versions");
        for (Manifest.Version v : manifest.versions()) {
            ObjectNode node = versions.addObject().put("version", v.version());
            putIfSet(node, "type", v.type());
            putIfSet(node, "unikraft", v.unikraft());
            putIfSet(node, "resource", v.resource());
            putIfSet(node, "sha256", v.sha256());
        }
        return dump(root);
    }

    private static String dump(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text always serialises", e);
        }
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }
}
