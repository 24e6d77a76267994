package dev.kraft.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An OCI bundle as the runtime uses it: the parts of {@code config.json} that decide how a
 * unikernel boots (the process's args and env, memory and CPU limits, mounts, the network
 * namespace, annotations) and the root filesystem containerd unpacked the image into.
 *
 * @param network the network namespace to run in: empty for the host's, a path to join one
 *                that exists (a Kubernetes pod's), or {@link #NEW_NAMESPACE} for a new one
 */
public record Bundle(
        Path dir,
        Path rootfs,
        String ociVersion,
        List<String> args,
        Map<String, String> env,
        Map<String, String> annotations,
        OptionalLong memoryBytes,
        OptionalInt cpus,
        List<Mount> mounts,
        Optional<Path> network) {
    /** Stands for a network namespace of the container's own, which config.json asks for by giving no path. */
    public static final Path NEW_NAMESPACE = Path.of("");
    /** What containerd's CRI plugin names a pod's sandbox ("pause") container by. */
    static final String CRI_CONTAINER_TYPE = "io.kubernetes.cri.container-type";

    public Bundle {
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        annotations = Map.copyOf(annotations);
        mounts = List.copyOf(mounts);
    }

    /** A mount of config.json; bind mounts of host directories become volumes. */
    public record Mount(String destination, String type, String source, List<String> options) {
        public boolean bind() {
            return type.equals("bind") || options.contains("bind") || options.contains("rbind");
        }

        public boolean readOnly() {
            return options.contains("ro");
        }
    }

    /** A Kubernetes pod's sandbox container: it holds the pod's namespaces and runs a tiny process, never a unikernel. */
    public boolean sandbox() {
        return "sandbox".equals(annotations.get(CRI_CONTAINER_TYPE));
    }

    /** Reads {@code DIR/config.json}; an error names the file, and the line and column where JSON is malformed. */
    public static Bundle read(Path dir) {
        Path file = dir.resolve("config.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new KraftException(ExitCode.NOT_FOUND, "no config.json in the bundle " + dir);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": "
                            + e.getOriginalMessage());
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new KraftException(ExitCode.INVALID_INPUT, file + ": expected a JSON object (an OCI runtime spec)");
        }
        String rootPath = root.path("root").path("path").asText("");
        if (rootPath.isEmpty()) {
            throw new KraftException(ExitCode.INVALID_INPUT, file + ": root.path is missing");
        }
        JsonNode process = root.path("process");
        JsonNode linux = root.path("linux");
        JsonNode resources = linux.path("resources");
        return new Bundle(
                dir,
                dir.resolve(rootPath).normalize(),
                root.path("ociVersion").asText("1.0.2"),
                strings(process.path("args")),
                env(file, process.path("env")),
                annotations(root.path("annotations")),
                memory(resources.path("memory")),
                cpus(resources.path("cpu")),
                mounts(root.path("mounts")),
                network(linux.path("namespaces")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, String> env(Path file, JsonNode array) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings(array)) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT, file + ": process.env: expected NAME=VALUE, got " + entry);
            }
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return env;
    }

    private static Map<String, String> annotations(JsonNode object) {
        Map<String, String> annotations = new LinkedHashMap<>();
        object.properties()
                .forEach(field ->
                        annotations.put(field.getKey(), field.getValue().asText()));
        return annotations;
    }

    private static OptionalLong memory(JsonNode memory) {
        long limit = memory.path("limit").asLong(0);
        return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
    }

    /** A CFS quota of {@code quota/period} CPUs, rounded up; else the size of the cpuset; else nothing asked. */
    private static OptionalInt cpus(JsonNode cpu) {
        long quota = cpu.path("quota").asLong(0);
        long period = cpu.path("period").asLong(0);
        if (quota > 0 && period > 0) {
            return OptionalInt.of((int) ((quota + period - 1) / period));
        }
        String cpuset = cpu.path("cpus").asText("");
        if (cpuset.isBlank()) {
            return OptionalInt.empty();
        }
        int count = 0;
        try {
            for (String range : cpuset.split(",")) {
                String[] ends = range.trim().split("-");
                count += ends.length == 2 ? Integer.parseInt(ends[1].trim()) - Integer.parseInt(ends[0].trim()) + 1 : 1;
            }
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        return count > 0 ? OptionalInt.of(count) : OptionalInt.empty();
    }

    private static List<Mount> mounts(JsonNode array) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode mount : array) {
            mounts.add(new Mount(
                    mount.path("destination").asText(""),
                    mount.path("type").asText(""),
                    mount.path("source").asText(""),
                    strings(mount.path("options"))));
        }
        return mounts;
    }

    private static Optional<Path> network(JsonNode namespaces) {
        for (JsonNode namespace : namespaces) {
            if (namespace.path("type").asText("").equals("network")) {
                String path = namespace.path("path").asText("");
                return Optional.of(path.isEmpty() ? NEW_NAMESPACE : Path.of(path));
            }
        }
        return Optional.empty();
    }
}
