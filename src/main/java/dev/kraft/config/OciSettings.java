package dev.kraft.config;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Registry settings of config.yaml: {@code oci.insecure_registries}, hosts (with port) that may
 * be reached over plain http like loopback ones, {@code oci.ca_file}, a PEM file of CAs
 * trusted besides the JVM's, and {@code oci.default_registry}, where a runtime's short name
 * ({@code runtime: base:latest}) is looked up: KraftKit's {@code unikraft.org} unless set.
 * {@code KRAFTKIT_OCI_INSECURE_REGISTRIES} (comma-separated), {@code KRAFTKIT_OCI_CA_FILE} and
 * {@code KRAFTKIT_OCI_DEFAULT_REGISTRY} override them.
 */
public record OciSettings(Set<String> insecureRegistries, Optional<Path> caFile, String defaultRegistry) {
    /** KraftKit's registry of runtimes ({@code oci.DefaultRegistry}). */
    public static final String DEFAULT_REGISTRY = "unikraft.org";

    public OciSettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (defaultRegistry.isEmpty()
                || defaultRegistry.contains("/")
                || defaultRegistry.chars().anyMatch(Character::isWhitespace)) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    "oci.default_registry \"" + defaultRegistry
                            + "\": expected a registry host, with a port if it needs one (e.g. registry.example.com or 127.0.0.1:5000)");
        }
    }

    /** The CA file, which must exist once a registry is to be reached (and only then: a build never needs it). */
    public Optional<Path> existingCaFile() {
        caFile.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw new KraftException(ExitCode.NOT_FOUND, "oci.ca_file " + p + ": no such file");
        });
        return caFile;
    }
}
