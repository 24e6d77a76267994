package dev.kraft.machine.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Network records: {@code <runtime>/networks/<name>.json}, written atomically, created under a lock. */
public final class NetworkStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    public NetworkStore(Path runtimeDir) {
        this.root = runtimeDir.resolve("networks");
    }

    public FileLock lock() throws IOException {
        Files.createDirectories(root);
        return FileLock.acquire(root.resolve(".lock"));
    }

    public List<Network> list() {
        List<Network> networks = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return networks;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*.json")) {
            for (Path file : files) {
                networks.add(JSON.readValue(file.toFile(), Network.class));
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot read networks in " + root + ": " + e.getMessage(), e);
        }
        networks.sort(Comparator.comparing(Network::name));
        return networks;
    }

    public Optional<Network> find(String name) {
        return list().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Network get(String name) {
        return find(name)
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND, "no network named " + name + " (kraft net ls lists them)"));
    }

    public void save(Network network) {
        try {
            AtomicFiles.write(root.resolve(network.name() + ".json"), JSON.writeValueAsBytes(network));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot save network " + network.name() + ": " + e.getMessage(), e);
        }
    }

    public void remove(Network network) {
        try {
            Files.deleteIfExists(root.resolve(network.name() + ".json"));
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot remove network " + network.name() + ": " + e.getMessage(), e);
        }
    }
}
