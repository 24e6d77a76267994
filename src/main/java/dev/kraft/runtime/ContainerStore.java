package dev.kraft.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.machine.MachineNames;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.ProcessIdentity;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Containers under the runtime's {@code --root}: {@code ROOT/ID/container.json}, written
 * atomically, beside the container's gate and command; the machines of their unikernels in
 * {@code ROOT/.machines} (a name no container id can take, and short, for QEMU's socket paths).
 */
public final class ContainerStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    public ContainerStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path machines() {
        return root.resolve(".machines");
    }

    public ContainerPaths paths(String id) {
        return new ContainerPaths(root.resolve(id));
    }

    /** Makes the container's directory; an id in use is refused. */
    public ContainerPaths create(String id) {
        MachineNames.check(id);
        try {
            Files.createDirectories(root);
            Files.createDirectory(root.resolve(id));
            return paths(id);
        } catch (FileAlreadyExistsException e) {
            throw new KraftException(ExitCode.STATE, "container " + id + " exists already in " + root);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot create the state of container " + id + " in " + root + ": " + e.getMessage(),
                    e);
        }
    }

    public Container find(String id) {
        Path file = paths(id).record();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || !Files.isRegularFile(file)) {
            throw new KraftException(ExitCode.NOT_FOUND, "container " + id + " does not exist");
        }
        try {
            return read(JSON.readTree(file.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new KraftException(
                    ExitCode.STATE, "container " + id + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String id) {
        return Files.isDirectory(paths(id).dir());
    }

    public void save(Container container) {
        try {
            AtomicFiles.write(
                    paths(container.id()).record(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(write(container)));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot save container " + container.id() + ": " + e.getMessage(), e);
        }
    }

    public void remove(String id) {
        try {
            MoreFiles.deleteTree(paths(id).dir());
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot remove the state of container " + id + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode write(Container c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", c.id())
                .put("bundle", c.bundle().toString())
                .put("rootfs", c.rootfs().toString())
                .put("ociVersion", c.ociVersion())
                .put("created", c.created().toString());
        ObjectNode annotations = node.putObject("annotations");
        c.annotations().forEach(annotations::put);
        node.putObject("init")
                .put("pid", c.init().pid())
                .put("startMillis", c.init().startMillis());
        c.machine().ifPresent(m -> node.put("machine", m));
        c.network().ifPresent(n -> node.put("network", n.toString()));
        c.pod()
                .ifPresent(p -> node.putObject("pod")
                        .put("device", p.device())
                        .put("cidr", p.cidr())
                        .put("gateway", p.gateway()));
        return node;
    }

    private static Container read(JsonNode node) {
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations")
                .properties()
                .forEach(f -> annotations.put(f.getKey(), f.getValue().asText()));
        JsonNode pod = node.path("pod");
        return new Container(
                node.path("id").asText(),
                Path.of(node.path("bundle").asText()),
                Path.of(node.path("rootfs").asText()),
                node.path("ociVersion").asText(),
                Instant.parse(node.path("created").asText()),
                annotations,
                new ProcessIdentity(
                        node.path("init").path("pid").asLong(),
                        node.path("init").path("startMillis").asLong()),
                text(node, "machine"),
                text(node, "network").map(Path::of),
                pod.isObject()
                        ? Optional.of(new Container.PodLink(
                                pod.path("device").asText(),
                                pod.path("cidr").asText(),
                                pod.path("gateway").asText()))
                        : Optional.empty());
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
