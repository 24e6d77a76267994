package dev.kraft.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings kraft reads from {@code config.yaml} and {@code KRAFTKIT_*} variables, the
 * environment winning over the file; flags win over both, in the CLI. Keys are KraftKit's (and a
 * few of ours, marked). Read once per command ({@link UserConfigReader}), every value already
 * typed: no caller looks a key up by its name.
 *
 * @param logLevel            {@code log.level}, as written (the console checks it)
 * @param logType             {@code log.type}, as written
 * @param logTimestamps       {@code log.timestamps}: every message starts with its time
 * @param trimMusl            {@code trim_musl} (ours): build only the sources of lib-musl the kernel links against
 * @param qemu                {@code qemu}: the QEMU binary for every architecture
 * @param firecracker         {@code firecracker} (ours): the Firecracker binary
 * @param buildkitHost        {@code buildkit_host}: the BuildKit daemon Dockerfile root filesystems are built by (else buildah)
 * @param offline             {@code offline} (ours): never use the network
 * @param disableAcceleration {@code disable_acceleration} (ours): TCG for every machine, as -W
 * @param publishAddress      {@code publish_address} (ours): where {@code -p} listens when it names no address (KraftKit's 0.0.0.0 unless set)
 * @param indexMaxAge         {@code unikraft.index_max_age} (ours): how long the index and remembered git refs stay fresh
 * @param manifests           {@code unikraft.manifests}: the package index sources
 */
public record UserConfig(
        Optional<String> logLevel,
        Optional<String> logType,
        boolean logTimestamps,
        boolean noColor,
        boolean noPrompt,
        boolean noParallel,
        boolean trimMusl,
        Optional<String> qemu,
        Optional<String> firecracker,
        Optional<String> buildkitHost,
        boolean offline,
        boolean disableAcceleration,
        Optional<String> publishAddress,
        Duration indexMaxAge,
        List<String> manifests,
        OciSettings oci) {

    public static final String DEFAULT_MANIFESTS = "https://manifests.kraftkit.sh/index.yaml";
    public static final Duration DEFAULT_INDEX_MAX_AGE = Duration.ofHours(24);
    public static final UserConfig DEFAULTS = new UserConfig(
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            false,
            false,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            Optional.empty(),
            DEFAULT_INDEX_MAX_AGE,
            List.of(DEFAULT_MANIFESTS),
            new OciSettings(Set.of(), Optional.empty(), OciSettings.DEFAULT_REGISTRY));

    /** KraftKit's YAML keys and the environment variables that override them. */
    static final Map<String, String> ENV_NAMES = Map.ofEntries(
            Map.entry("log.level", "KRAFTKIT_LOG_LEVEL"),
            Map.entry("log.type", "KRAFTKIT_LOG_TYPE"),
            Map.entry("log.timestamps", "KRAFTKIT_LOG_TIMESTAMPS"),
            Map.entry("no_color", "KRAFTKIT_NO_COLOR"),
            Map.entry("no_prompt", "KRAFTKIT_NO_PROMPT"),
            Map.entry("no_parallel", "KRAFTKIT_NO_PARALLEL"),
            Map.entry("trim_musl", "KRAFTKIT_TRIM_MUSL"),
            Map.entry("qemu", "KRAFTKIT_QEMU"),
            Map.entry("firecracker", "KRAFTKIT_FIRECRACKER"),
            Map.entry("offline", "KRAFTKIT_OFFLINE"),
            Map.entry("disable_acceleration", "KRAFTKIT_DISABLE_ACCELERATION"),
            Map.entry("publish_address", "KRAFTKIT_PUBLISH_ADDRESS"),
            Map.entry("buildkit_host", "KRAFTKIT_BUILDKIT_HOST"),
            Map.entry("oci.default_registry", "KRAFTKIT_OCI_DEFAULT_REGISTRY"),
            Map.entry("unikraft.index_max_age", "KRAFTKIT_UNIKRAFT_INDEX_MAX_AGE"));

    public UserConfig {
        manifests = List.copyOf(manifests);
    }
}
