package dev.kraft.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where kraft keeps things, KraftKit-compatible so users can switch tools:
 * config {@code ~/.config/kraftkit}, data {@code ~/.local/share/kraftkit} with {@code sources/},
 * {@code manifests/} and {@code runtime/} below it. XDG and KRAFTKIT_* variables move them;
 * relative XDG values are ignored, as the XDG spec asks.
 */
public record KraftDirs(Path config, Path data, Path sources, Path manifests, Path runtime) {

    public static KraftDirs resolve(Path home, Map<String, String> env, Optional<Path> configDirFlag) {
        Path config = configDirFlag
                .or(() -> absolute(env, "KRAFTKIT_CONFIG_DIR"))
                .or(() -> absolute(env, "KRAFTKIT_PATHS_CONFIG"))
                .or(() -> absolute(env, "XDG_CONFIG_HOME").map(p -> p.resolve("kraftkit")))
                .orElse(home.resolve(".config/kraftkit"));
        Path data = absolute(env, "XDG_DATA_HOME")
                .map(p -> p.resolve("kraftkit"))
                .orElse(home.resolve(".local/share/kraftkit"));
        return new KraftDirs(
                config,
                data,
                absolute(env, "KRAFTKIT_PATHS_SOURCES").orElse(data.resolve("sources")),
                absolute(env, "KRAFTKIT_PATHS_MANIFESTS").orElse(data.resolve("manifests")),
                absolute(env, "KRAFTKIT_RUNTIME_DIR").orElse(data.resolve("runtime")));
    }

    public Path configFile() {
        return config.resolve("config.yaml");
    }

    private static Optional<Path> absolute(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
    }
}
