package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as KraftKit reads it ({@code oci/oci.go}, go-containerregistry's rules):
 * {@code [REGISTRY/]REPOSITORY[:TAG][@sha256:HEX]}; the first part is a registry when it has a
 * dot or a port or is {@code localhost}, else the registry is {@code unikraft.org}; no tag and
 * no digest mean {@code latest}.
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<String> digest) {
    public static final String DEFAULT_REGISTRY = "unikraft.org";
    public static final String DEFAULT_TAG = "latest";
    /** Docker Hub's name in references; its registry API answers at {@link #endpoint()}. */
    static final String DOCKER_HUB = "docker.io";

    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?");
    /** What {@code PackageQuery} takes for a package type: {@code lib/musl:stable} names a package, not an image. */
    private static final Pattern PACKAGE =
            Pattern.compile("(?i)(core|unikraft|lib|libs|library|app|apps|template)/[^/]*");

    /** Whether a command-line word names an image rather than a package or a path: a {@code /} and a tag or digest. */
    public static boolean looksLikeImage(String text) {
        return text.contains("/")
                && (text.contains(":") || text.contains("@sha256:"))
                && !PACKAGE.matcher(text).matches();
    }

    public static ImageRef parse(String text) {
        return parse(text, DEFAULT_REGISTRY);
    }

    /**
     * A container image reference with Docker's defaults, as KraftKit reads a rootfs image
     * (go-containerregistry's {@code name.ParseReference}): no registry means {@code docker.io},
     * and a one-part name there lives under {@code library/} ({@code alpine:3.20}).
     */
    public static ImageRef parseContainer(String text) {
        ImageRef ref = parse(text, DOCKER_HUB);
        return ref.registry().equals(DOCKER_HUB) && !ref.repository().contains("/")
                ? new ImageRef(ref.registry(), "library/" + ref.repository(), ref.tag(), ref.digest())
                : ref;
    }

    /** A reference whose registry, when it names none, is {@code defaultRegistry} (a runtime's short name, {@code base:latest}). */
    public static ImageRef parse(String text, String defaultRegistry) {
        String rest = text.strip();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String registry = defaultRegistry;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        if (!REGISTRY.matcher(registry).matches()
                || !REPOSITORY.matcher(rest).matches()
                || tag.isPresent() && !TAG.matcher(tag.get()).matches()
                || digest.isPresent() && !DIGEST.matcher(digest.get()).matches()) {
            throw new KraftException(
                    ExitCode.USAGE,
                    "\"" + text + "\" is not an image reference: expected [REGISTRY/]NAME[:TAG][@sha256:DIGEST]"
                            + " in lower case, e.g. unikraft.org/helloworld:latest");
        }
        return new ImageRef(
                registry.toLowerCase(Locale.ROOT),
                rest,
                digest.isEmpty() && tag.isEmpty() ? Optional.of(DEFAULT_TAG) : tag,
                digest);
    }

    /** {@code registry/repository}: the name KraftKit writes in {@code org.opencontainers.image.ref.name}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** What the registry's manifest URL takes: the digest when there is one, else the tag. */
    public String reference() {
        return digest.or(() -> tag).orElseThrow();
    }

    /** The host the registry API answers on: Docker Hub's references say docker.io, its API is registry-1.docker.io. */
    public String endpoint() {
        return registry.equals(DOCKER_HUB) || registry.equals("index.docker.io") ? "registry-1.docker.io" : registry;
    }

    /** True for 127.0.0.1, localhost and ::1 (any port): the only hosts plain HTTP is tried for unless configured. */
    public boolean loopback() {
        String host = registry.replaceFirst(":[0-9]+$", "");
        return host.equals("localhost")
                || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}")
                || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return name()
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
    }
}
