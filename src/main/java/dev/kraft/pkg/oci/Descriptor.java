package dev.kraft.pkg.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.support.Digests;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An OCI content descriptor, written with its fields in the order of image-spec's Go struct
 * (mediaType, digest, size, annotations, platform), since that is what KraftKit's
 * {@code json.Marshal} produces and what gives the same bytes, hence the same digests.
 */
public record Descriptor(
        String mediaType, String digest, long size, Map<String, String> annotations, Optional<Platform> platform) {
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    /** {@code os} is the Unikraft platform (qemu, fc, xen), {@code architecture} Unikraft's name (x86_64, arm64). */
    public record Platform(String architecture, String os, String osVersion, List<String> osFeatures) {
        public Platform {
            osFeatures = List.copyOf(osFeatures);
        }

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance
                    .objectNode()
                    .put("architecture", architecture)
                    .put("os", os);
            if (!osVersion.isEmpty()) {
                node.put("os.version", osVersion);
            }
            if (!osFeatures.isEmpty()) {
                osFeatures.forEach(node.putArray("os.features")::add);
            }
            return node;
        }

        static Platform fromJson(JsonNode node) {
            List<String> features = new ArrayList<>();
            node.path("os.features").forEach(f -> features.add(f.asText()));
            return new Platform(
                    node.path("architecture").asText(),
                    node.path("os").asText(),
                    node.path("os.version").asText(),
                    features);
        }
    }

    public Descriptor {
        annotations = new TreeMap<>(annotations);
    }

    public static Descriptor of(
            String mediaType, byte[] content, Map<String, String> annotations, Optional<Platform> platform) {
        return new Descriptor(
                mediaType,
                "sha256:" + HexFormat.of().formatHex(Digests.sha256().digest(content)),
                content.length,
                annotations,
                platform);
    }

    /** The 64 hex digits of the digest, checked: a digest names a file in the store, so nothing else may pass. */
    public String hex() {
        return Digests.parseSha256(digest)
                .filter(h -> digest.equals("sha256:" + h))
                .orElseThrow(() -> new KraftException(
                        ExitCode.VERIFY_FAILED, "unsupported or malformed digest \"" + digest + "\""));
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance
                .objectNode()
                .put("mediaType", mediaType)
                .put("digest", digest)
                .put("size", size);
        if (!annotations.isEmpty()) {
            ObjectNode map = node.putObject("annotations");
            annotations.forEach(map::put);
        }
        platform.ifPresent(p -> node.set("platform", p.toJson()));
        return node;
    }

    static Descriptor fromJson(JsonNode node) {
        Map<String, String> annotations = new TreeMap<>();
        node.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Optional<Platform> platform =
                node.has("platform") ? Optional.of(Platform.fromJson(node.get("platform"))) : Optional.empty();
        if (!node.path("digest").isTextual()
                || !node.path("size").canConvertToLong()
                || node.path("size").asLong() < 0) {
            throw new KraftException(ExitCode.VERIFY_FAILED, "malformed descriptor: " + node);
        }
        return new Descriptor(
                node.path("mediaType").asText(),
                node.get("digest").asText(),
                node.get("size").asLong(),
                annotations,
                platform);
    }

    static List<Descriptor> listFromJson(JsonNode array) {
        List<Descriptor> list = new ArrayList<>();
        array.forEach(d -> list.add(fromJson(d)));
        return list;
    }

    static ArrayNode listToJson(List<Descriptor> list) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        list.forEach(d -> array.add(d.toJson()));
        return array;
    }
}
