package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Changes to the package index sources in {@code config.yaml} ({@code unikraft.manifests},
 * read with the rest of {@link UserConfig}). Changing them rewrites config.yaml atomically and keeps
 * every other key (YAML comments are not kept: the file is re-serialised).
 */
public final class ManifestSources {
    /** Set up on first use (~50 ms of Jackson's static set-up), not by every build that reads the default. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    private ManifestSources() {}

    /** Adds a source at the end; answers false when it was there already. */
    public static boolean add(Path configFile, String source) {
        return edit(configFile, sources -> !sources.contains(source) && sources.add(source));
    }

    /** Removes a source; answers false when it was not there. */
    public static boolean remove(Path configFile, String source) {
        return edit(configFile, sources -> sources.remove(source));
    }

    /** Reads, changes and writes the list under a lock, so two kraft processes cannot lose each other's change. */
    private static boolean edit(Path configFile, Predicate<List<String>> change) {
        try {
            Files.createDirectories(configFile.toAbsolutePath().getParent());
            try (FileLock lock =
                    FileLock.acquire(configFile.resolveSibling("." + configFile.getFileName() + ".lock"))) {
                List<String> sources = new ArrayList<>(
                        UserConfigReader.read(configFile, Map.of()).manifests());
                if (!change.test(sources)) {
                    return false;
                }
                write(configFile, sources);
                return true;
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot write " + configFile + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path configFile, List<String> sources) throws IOException {
        ObjectNode root = load(configFile);
        JsonNode unikraft = root.path("unikraft");
        ObjectNode section = unikraft.isObject() ? (ObjectNode) unikraft : root.putObject("unikraft");
        ArrayNode list = section.putArray("manifests");
        sources.forEach(list::add);
        AtomicFiles.writeString(configFile, Yaml.MAPPER.writeValueAsString(root));
    }

    private static ObjectNode load(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return Yaml.MAPPER.createObjectNode();
        }
        try {
            JsonNode root = Yaml.MAPPER.readTree(configFile.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Yaml.MAPPER.createObjectNode();
            }
            if (!root.isObject()) {
                throw new KraftException(ExitCode.INVALID_INPUT, configFile + ": expected a YAML mapping");
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    configFile + ": " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
