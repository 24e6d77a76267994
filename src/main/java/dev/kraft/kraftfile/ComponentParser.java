package dev.kraft.kraftfile;

import dev.kraft.kraftfile.YamlNode.Entry;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Quoted;
import dev.kraft.unikraft.ComponentType;
import dev.kraft.unikraft.KConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a component ({@code unikraft}, {@code template}, a library) in its long or short form
 * (KraftKit's {@code TranslateFromSchema}): a string is a directory if it looks like a path or
 * names an existing directory, a source if it is a URL, and a version otherwise. A path to a
 * bare git repository is a URL.
 */
final class ComponentParser {
    private static final Set<String> KEYS = Set.of("source", "version", "kconfig");
    /** git's scp-like ssh address, {@code user@host:path} ({@code git@github.com:unikraft/unikraft.git}). */
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");

    private final Nodes nodes;
    private final Path workdir;
    private final Path home;

    ComponentParser(Nodes nodes, Path workdir, Path home) {
        this.nodes = nodes;
        this.workdir = workdir;
        this.home = home;
    }

    ComponentSpec parse(ComponentType type, String name, String key, YamlNode node) {
        if (node instanceof Scalar scalar && scalar.type() == YamlNode.ScalarType.NULL) {
            return new ComponentSpec(
                    type, name, Optional.empty(), Optional.empty(), Optional.empty(), KConfig.empty(), node.at());
        }
        if (node instanceof MapNode map) {
            Nodes.onlyKeys(map, KEYS, " in " + Quoted.of(key));
            Optional<String> source = map.entry("source").map(e -> nodes.string(key + ".source", e.value()));
            Optional<String> version = map.entry("version").map(e -> nodes.string(key + ".version", e.value()));
            KConfig kconfig = map.entry("kconfig")
                    .map(e -> nodes.kconfig(key + ".kconfig", e.value()))
                    .orElse(KConfig.empty());
            Location sourceAt =
                    map.entry("source").map(Entry::value).map(YamlNode::at).orElse(map.at());
            return fromSource(type, name, source, version, kconfig, sourceAt, true);
        }
        String text = nodes.string(key, node);
        if (isUrl(text) || looksLikePath(text) || Files.isDirectory(workdir.resolve(text))) {
            return fromSource(type, name, Optional.of(text), Optional.empty(), KConfig.empty(), node.at(), false);
        }
        return new ComponentSpec(
                type, name, Optional.empty(), Optional.empty(), Optional.of(text), KConfig.empty(), node.at());
    }

    private ComponentSpec fromSource(
            ComponentType type,
            String name,
            Optional<String> source,
            Optional<String> version,
            KConfig kconfig,
            Location at,
            boolean sourceKeyed) {
        if (source.isEmpty()) {
            return new ComponentSpec(type, name, Optional.empty(), Optional.empty(), version, kconfig, at);
        }
        String text = source.get();
        if (isUrl(text)) {
            UrlWithRef url = UrlWithRef.parse(text);
            return new ComponentSpec(
                    type, name, Optional.empty(), Optional.of(url.url()), version.or(url::ref), kconfig, at);
        }
        Path dir = workdir.resolve(expandHome(text)).normalize();
        if (!Files.isDirectory(dir)) {
            String what = sourceKeyed ? "source directory" : "directory";
            throw new KraftfileException(
                    ExitCode.NOT_FOUND, at, what + " " + Quoted.of(text) + " does not exist (" + dir + ")");
        }
        if (isBareGitRepository(dir)) {
            return new ComponentSpec(
                    type,
                    name,
                    Optional.empty(),
                    Optional.of(dir.toUri().toString().replaceFirst("/$", "")),
                    version,
                    kconfig,
                    at);
        }
        return new ComponentSpec(type, name, Optional.of(dir), Optional.empty(), version, kconfig, at);
    }

    static boolean isUrl(String text) {
        if (SCP_LIKE.matcher(text).matches()) {
            return true;
        }
        try {
            URI uri = URI.create(text);
            return uri.getScheme() != null
                    && uri.getScheme().length() > 1
                    && (uri.getHost() != null || "file".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A bare repository ({@code git clone --bare}) has no tree to use in place, so its path is a
     * git remote, as {@code file://} is (KraftKit would hand make the repository's internals).
     */
    private static boolean isBareGitRepository(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD"))
                && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"))
                && !Files.exists(dir.resolve("Config.uk"));
    }

    private static boolean looksLikePath(String text) {
        return text.startsWith("/")
                || text.startsWith("./")
                || text.startsWith("../")
                || text.startsWith("~/")
                || text.equals(".")
                || text.equals("..");
    }

    private String expandHome(String text) {
        return text.startsWith("~/") ? home.resolve(text.substring(2)).toString() : text;
    }

    /** A URL whose query may name the version, as KraftKit reads {@code ?branch=}, {@code ?tag=}, {@code ?version=}. */
    record UrlWithRef(String url, Optional<String> ref) {
        static UrlWithRef parse(String text) {
            int question = text.indexOf('?');
            if (question < 0) {
                return new UrlWithRef(text, Optional.empty());
            }
            Optional<String> ref = Optional.empty();
            for (String pair : text.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                if (Set.of("branch", "tag", "version").contains(key) && equals > 0) {
                    ref = Optional.of(pair.substring(equals + 1));
                }
            }
            return new UrlWithRef(text.substring(0, question), ref);
        }
    }
}
