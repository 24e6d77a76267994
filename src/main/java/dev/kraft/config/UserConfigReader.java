package dev.kraft.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kraft.support.Durations;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code config.yaml} once into a typed {@link UserConfig}, the {@code KRAFTKIT_*}
 * environment laid over it; a value of the wrong form is an error naming the file and key. A
 * missing file is no error: kraft does not write one until there is something to keep. Read
 * with Jackson's streaming parser: every command reads this file, and building an ObjectMapper
 * first cost each of them ~60 ms.
 */
public final class UserConfigReader {
    private final Path file;
    private final Map<String, String> scalars = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    /** Keys whose list holds mappings or lists, which no setting takes. */
    private final Set<String> nestedLists = new HashSet<>();

    private UserConfigReader(Path file) {
        this.file = file;
    }

    public static UserConfig read(Path file, Map<String, String> env) {
        UserConfigReader reader = new UserConfigReader(file);
        if (Files.isRegularFile(file)) {
            try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
                reader.flatten(parser);
            } catch (IOException e) {
                throw new KraftException(ExitCode.INVALID_INPUT, file + ": " + firstLine(e.getMessage()), e);
            }
        }
        UserConfig.ENV_NAMES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                reader.scalars.put(key, value);
            }
        });
        return reader.typed(env);
    }

    private UserConfig typed(Map<String, String> env) {
        return new UserConfig(
                scalar("log.level"),
                scalar("log.type"),
                flag("log.timestamps"),
                flag("no_color"),
                flag("no_prompt"),
                flag("no_parallel"),
                flag("trim_musl"),
                scalar("qemu"),
                scalar("firecracker"),
                scalar("buildkit_host"),
                flag("offline"),
                flag("disable_acceleration"),
                scalar("publish_address"),
                scalar("unikraft.index_max_age").map(this::duration).orElse(UserConfig.DEFAULT_INDEX_MAX_AGE),
                list("unikraft.manifests", "URLs or paths").orElse(List.of(UserConfig.DEFAULT_MANIFESTS)),
                oci(env));
    }

    private OciSettings oci(Map<String, String> env) {
        Set<String> insecure = new LinkedHashSet<>();
        String fromEnv = env.getOrDefault("KRAFTKIT_OCI_INSECURE_REGISTRIES", "");
        List<String> hosts = fromEnv.isBlank()
                ? list("oci.insecure_registries", "hosts").orElse(List.of())
                : List.of(fromEnv.split(","));
        hosts.forEach(host -> insecure.add(host.strip().toLowerCase(Locale.ROOT)));
        Optional<String> ca = Optional.ofNullable(env.get("KRAFTKIT_OCI_CA_FILE"))
                .filter(s -> !s.isBlank())
                .or(() -> scalar("oci.ca_file").filter(s -> !s.isBlank()));
        return new OciSettings(
                insecure,
                ca.map(p -> file.toAbsolutePath().getParent().resolve(p)),
                scalar("oci.default_registry")
                        .map(String::strip)
                        .map(r -> r.toLowerCase(Locale.ROOT))
                        .orElse(OciSettings.DEFAULT_REGISTRY));
    }

    private Optional<String> scalar(String key) {
        return Optional.ofNullable(scalars.get(key));
    }

    private boolean flag(String key) {
        return scalar(key)
                .map(v -> v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"))
                .orElse(false);
    }

    private Optional<List<String>> list(String key, String ofWhat) {
        if (scalars.containsKey(key) || nestedLists.contains(key)) {
            throw new KraftException(ExitCode.INVALID_INPUT, file + ": " + key + " must be a list of " + ofWhat);
        }
        return Optional.ofNullable(lists.get(key));
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 0} (always refresh) or ISO-8601 ({@code PT12H}). */
    private Duration duration(String setting) {
        return Durations.parse(setting)
                .orElseThrow(() -> new KraftException(
                        ExitCode.INVALID_INPUT,
                        "unikraft.index_max_age \"" + setting + "\": expected a duration such as 24h, 30m, 7d or 0"));
    }

    /** Scalars of nested mappings under their dotted paths, lists of scalars as lists; nulls are left out. */
    private void flatten(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return;
        }
        Deque<String> path = new ArrayDeque<>();
        String prefix = "";
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (token == JsonToken.END_OBJECT) {
                if (path.isEmpty()) {
                    return;
                }
                prefix = path.pop();
                continue;
            }
            String key = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                path.push(prefix);
                prefix = key;
            } else if (value == JsonToken.START_ARRAY) {
                readList(parser, key);
            } else if (value != JsonToken.VALUE_NULL) {
                scalars.put(key, parser.getText());
            }
        }
    }

    private void readList(JsonParser parser, String key) throws IOException {
        List<String> items = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item.isStructStart()) {
                parser.skipChildren();
                nestedLists.add(key);
            } else if (item != JsonToken.VALUE_NULL) {
                items.add(parser.getText());
            }
        }
        lists.put(key, List.copyOf(items));
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
