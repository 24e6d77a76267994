package dev.kraft.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.List;

/** The documents the runtime prints: a container's state (the OCI runtime spec's, as runc prints it), its PIDs, its features. */
public final class RuntimeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuntimeJson() {}

    /** {@code state}: the spec's fields, and runc's {@code rootfs}, {@code created} and {@code owner}; a stopped container's pid is 0. */
    public static String state(Container container, ContainerStatus status) {
        ObjectNode state = JSON.createObjectNode();
        state.put("ociVersion", container.ociVersion())
                .put("id", container.id())
                .put(
                        "pid",
                        status == ContainerStatus.STOPPED ? 0 : container.init().pid())
                .put("status", status.label())
                .put("bundle", container.bundle().toString())
                .put("rootfs", container.rootfs().toString())
                .put("created", container.created().toString())
                .put("owner", "");
        ObjectNode annotations = state.putObject("annotations");
        container.annotations().forEach(annotations::put);
        return text(state);
    }

    public static String pids(List<Long> pids) {
        ArrayNode array = JSON.createArrayNode();
        pids.forEach(array::add);
        return text(array);
    }

    /** {@code features} (runtime-spec's features.md): what this runtime honours of config.json. */
    public static String features() {
        ObjectNode features = JSON.createObjectNode();
        features.put("ociVersionMin", "1.0.0").put("ociVersionMax", "1.1.0");
        features.putArray("hooks");
        features.putArray("mountOptions").add("bind").add("rbind").add("ro").add("rw");
        ObjectNode linux = features.putObject("linux");
        linux.putArray("namespaces").add("network");
        linux.putArray("capabilities");
        linux.putObject("cgroup")
                .put("v1", false)
                .put("v2", false)
                .put("systemd", false)
                .put("systemdUser", false);
        linux.putObject("seccomp").put("enabled", false);
        linux.putObject("apparmor").put("enabled", false);
        linux.putObject("selinux").put("enabled", false);
        ObjectNode annotations = features.putObject("annotations");
        annotations.put("dev.kraft.runu.vmm", "qemu");
        annotations.put("dev.kraft.runu.kernel", "/unikraft/bin/kernel");
        return text(features);
    }

    private static String text(Object node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new KraftException(ExitCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }
}
