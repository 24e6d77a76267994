package dev.kraft.config;

import java.util.Map;
import java.util.Optional;

/**
 * The settings kraft reads from {@code config.yaml} and {@code KRAFTKIT_*} variables, the
 * environment winning over the file; flags win over both, in the CLI. Keys are KraftKit's.
 */
public record UserConfig(Map<String, String> values) {

    public static final UserConfig EMPTY = new UserConfig(Map.of());

    /** KraftKit's YAML keys and the environment variables that override them. */
    static final Map<String, String> ENV_NAMES = Map.ofEntries(
            Map.entry("log.level", "KRAFTKIT_LOG_LEVEL"),
            Map.entry("log.type", "KRAFTKIT_LOG_TYPE"),
            Map.entry("no_color", "KRAFTKIT_NO_COLOR"),
            Map.entry("no_prompt", "KRAFTKIT_NO_PROMPT"),
            Map.entry("no_parallel", "KRAFTKIT_NO_PARALLEL"),
            Map.entry("qemu", "KRAFTKIT_QEMU"),
            Map.entry("offline", "KRAFTKIT_OFFLINE"),
            Map.entry("unikraft.index_max_age", "KRAFTKIT_UNIKRAFT_INDEX_MAX_AGE"));

    public UserConfig {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean flag(String key) {
        return get(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")).orElse(false);
    }
}
