package dev.kraft.pkg.manager;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kraft.pkg.cache.EntryInfo;
import dev.kraft.pkg.index.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code kraft pkg ls} and {@code info} show: one row per package of the index, with the
 * channels and versions whose archives are in the cache, as data for a table or as JSON/YAML.
 */
public final class Listings {
    /** Set up only for -o json|yaml: a mapper's set-up is ~60 ms, more than a table costs in all. */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    private Listings() {}

    /** A package of the index; {@code pulled} names the channels and versions the cache holds. */
    public record Row(
            String type,
            String name,
            String description,
            List<String> channels,
            List<String> versions,
            List<String> pulled,
            String origin) {}

    /** A channel or version of one package, with its archive and whether it is cached. */
    public record Release(
            String name,
            String kind,
            @JsonProperty("default") boolean defaultChannel,
            String resource,
            String sha256,
            boolean pulled) {}

    public static List<Row> rows(List<Manifest> manifests, List<EntryInfo> cached) {
        return manifests.stream()
                .map(m -> new Row(
                        m.type(),
                        m.name(),
                        m.description(),
                        m.channels().stream().map(Manifest.Channel::name).toList(),
                        m.versions().stream().map(Manifest.Version::version).toList(),
                        releases(m, cached).stream()
                                .filter(Release::pulled)
                                .map(Release::name)
                                .toList(),
                        m.origin()))
                .toList();
    }

    public static List<Release> releases(Manifest m, List<EntryInfo> cached) {
        Set<String> digests = cached.stream().map(EntryInfo::sha256).collect(Collectors.toSet());
        List<Release> releases = new ArrayList<>();
        m.channels()
                .forEach(c -> releases.add(new Release(
                        c.name(),
                        "channel",
                        c.isDefault(),
                        c.resource(),
                        c.sha256(),
                        !c.sha256().isEmpty() && digests.contains(c.sha256()))));
        m.versions()
                .forEach(v -> releases.add(new Release(
                        v.version(),
                        "version",
                        false,
                        v.resource(),
                        v.sha256(),
                        !v.sha256().isEmpty() && digests.contains(v.sha256()))));
        return releases;
    }

    /** Data as {@code json} or {@code yaml} text. */
    public static String render(Object data, String format) {
        try {
            return (format.equals("json") ? Mappers.JSON : Mappers.YAML)
                    .writeValueAsString(data)
                    .stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of text always serialise", e);
        }
    }
}
