package dev.kraft.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registry settings of config.yaml: {@code oci.insecure_registries}, hosts (with port) that may
 * be reached over plain http like loopback ones, and {@code oci.ca_file}, a PEM file of CAs
 * trusted besides the JVM's. {@code KRAFTKIT_OCI_INSECURE_REGISTRIES} (comma-separated) and
 * {@code KRAFTKIT_OCI_CA_FILE} override them.
 */
public record OciSettings(Set<String> insecureRegistries, Optional<Path> caFile) {
    public OciSettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
    }

    public static OciSettings read(Path configFile, Map<String, String> env) {
        JsonNode oci = load(configFile).path("oci");
        Set<String> insecure = new LinkedHashSet<>();
        String fromEnv = env.getOrDefault("KRAFTKIT_OCI_INSECURE_REGISTRIES", "");
        if (!fromEnv.isBlank()) {
            for (String host : fromEnv.split(",")) {
                insecure.add(host.strip().toLowerCase(Locale.ROOT));
            }
        } else {
            JsonNode list = oci.path("insecure_registries");
            if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                throw new KraftException(ExitCode.INVALID_INPUT, configFile + ": oci.insecure_registries must be a list of hosts");
            }
            list.forEach(host -> insecure.add(host.asText().strip().toLowerCase(Locale.ROOT)));
        }
        Optional<String> ca = Optional.ofNullable(env.get("KRAFTKIT_OCI_CA_FILE")).filter(s -> !s.isBlank())
                .or(() -> Optional.of(oci.path("ca_file").asText("")).filter(s -> !s.isBlank()));
        Optional<Path> caFile = ca.map(p -> configFile.toAbsolutePath().getParent().resolve(p));
        caFile.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw new KraftException(ExitCode.NOT_FOUND, "oci.ca_file " + p + ": no such file");
        });
        return new OciSettings(insecure, caFile);
    }

    private static JsonNode load(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
            return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
        } catch (IOException e) {
            throw new KraftException(ExitCode.INVALID_INPUT, configFile + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
