package dev.kraft.config;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The CA file, which must exist once a registry is to be reached (and only then: a build never needs it). */
    public Optional<Path> existingCaFile() {
        caFile.filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
            throw new KraftException(ExitCode.NOT_FOUND, "oci.ca_file " + p + ": no such file");
        });
        return caFile;
    }
}
