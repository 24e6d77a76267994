package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * kraft's own registry logins, {@code <config dir>/auth.json}, in Docker's format
 * ({@code {"auths": {"HOST": {"auth": base64(user:password)}}}}) so other tools can read it.
 * The file is born 0600 (never chmod-ed after a window), its directory is 0700, every write is
 * atomic, and a file others may read is refused, as ssh refuses such keys.
 */
public final class AuthFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public AuthFile(Path configDir) {
        this.file = configDir.resolve("auth.json");
    }

    public Path path() {
        return file;
    }

    /** The parsed file, or an empty one; refused when group or others can read it. */
    ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new KraftException(
                        ExitCode.STATE,
                        file + " holds passwords but others may read it (mode " + PosixFilePermissions.toString(mode)
                                + "); run chmod 600 " + file);
            }
            JsonNode node = JSON.readTree(file.toFile());
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    file + ": " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** Stores (or replaces) the login for a host, keeping the others. */
    public void store(String host, String user, String secret) {
        update(hosts -> {
            hosts.putObject(host)
                    .put(
                            "auth",
                            Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            return true;
        });
    }

    /** Removes the host's login (under any of the keys Docker writes for it); false when there was none. */
    public boolean remove(String host) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return update(hosts -> {
            List<String> keys = new ArrayList<>();
            hosts.fieldNames().forEachRemaining(key -> {
                if (RegistryLogins.sameHost(key, host)) {
                    keys.add(key);
                }
            });
            hosts.remove(keys);
            return !keys.isEmpty();
        });
    }

    /** Changes the hosts' logins under the file's lock; the file is written when {@code change} says it changed them. */
    private boolean update(Predicate<ObjectNode> change) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (FileLock lock = FileLock.acquire(dir.resolve(".auth.json.lock"))) {
                ObjectNode root = read();
                JsonNode auths = root.path("auths");
                ObjectNode hosts = auths instanceof ObjectNode object ? object : root.putObject("auths");
                if (!change.test(hosts)) {
                    return false;
                }
                write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                return true;
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] content) throws IOException {
        Path temp = Files.createTempFile(
                file.getParent(),
                ".auth.json.",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            AtomicFiles.moveAtomically(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
