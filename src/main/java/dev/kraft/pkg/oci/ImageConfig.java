package dev.kraft.pkg.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.unikraft.KConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image's config blob as KraftKit writes it ({@code ocispec.Image}): the platform inline,
 * then {@code config} with {@code Env}, {@code Cmd} and {@code Labels}, then {@code rootfs}.
 * There is no {@code created}: KraftKit leaves it out, and it would only spoil reproducibility.
 */
public record ImageConfig(
        Descriptor.Platform platform,
        List<String> env,
        List<String> cmd,
        Map<String, String> labels,
        List<String> diffIds) {
    /** Host paths KraftKit leaves out of {@code os.features}: they differ between machines, not between kernels. */
    private static final List<String> HOST_SPECIFIC = List.of("CONFIG_UK_APP", "CONFIG_UK_BASE");

    public ImageConfig {
        env = List.copyOf(env);
        cmd = List.copyOf(cmd);
        labels = new TreeMap<>(labels);
        diffIds = List.copyOf(diffIds);
    }

    /**
     * {@code os.features} from a target's .config: every set option as {@code CONFIG_X=value}
     * (quotes removed, as KraftKit's reader does), sorted, without unset ones and host paths.
     */
    public static List<String> features(KConfig kconfig) {
        List<String> features = new ArrayList<>();
        kconfig.asMap().forEach((key, value) -> {
            if (!value.equals("n") && !HOST_SPECIFIC.contains(key)) {
                features.add(key + "=" + value);
            }
        });
        return features.stream().sorted().distinct().toList();
    }

    /** The Kconfig an image's features describe, for checks that read it (such as the RDSEED warning). */
    public KConfig kconfig() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String feature : platform.osFeatures()) {
            int equals = feature.indexOf('=');
            if (equals > 0) {
                values.put(feature.substring(0, equals), feature.substring(equals + 1));
            }
        }
        if (!platform.osVersion().isEmpty()) {
            values.putIfAbsent("CONFIG_UK_FULLVERSION", platform.osVersion());
        }
        return KConfig.of(values);
    }

    public byte[] toBytes() {
        ObjectNode node = platform.toJson();
        ObjectNode config = node.putObject("config");
        if (!env.isEmpty()) {
            env.forEach(config.putArray("Env")::add);
        }
        if (!cmd.isEmpty()) {
            cmd.forEach(config.putArray("Cmd")::add);
        }
        if (!labels.isEmpty()) {
            labels.forEach(config.putObject("Labels")::put);
        }
        ObjectNode rootfs = node.putObject("rootfs").put("type", "layers");
        diffIds.forEach(rootfs.putArray("diff_ids")::add);
        return OciJson.bytes(node);
    }

    public static ImageConfig read(byte[] bytes, String what) {
        JsonNode node = OciJson.read(bytes, what, Descriptor.CONFIG);
        JsonNode config = node.path("config");
        Map<String, String> labels = new TreeMap<>();
        config.path("Labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(
                Descriptor.Platform.fromJson(node),
                strings(config.path("Env")),
                strings(config.path("Cmd")),
                labels,
                strings(node.path("rootfs").path("diff_ids")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }

    /** {@code NAME=value} entries as a map, in order; an entry without {@code =} means an empty value. */
    public Map<String, String> envMap() {
        return envMap(env);
    }

    /** {@code NAME=value} entries (an image config's {@code Env}) as a map, in order; no {@code =} means an empty value. */
    public static Map<String, String> envMap(List<String> env) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : env) {
            int equals = entry.indexOf('=');
            map.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
        }
        return map;
    }
}
