package dev.kraft.pkg.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kraft.support.Digests;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a container image for one Linux platform, from a registry or from an OCI image layout
 * on disk (what buildah and BuildKit write): an index is narrowed to the platform's manifest,
 * then the config and the layers are fetched. Every document and layer is checked against the
 * digest that names it before it is used.
 */
public final class ContainerImages {
    private ContainerImages() {}

    /** A container platform as image indexes name it: {@code linux/amd64}, {@code linux/arm/v7}. */
    public record Platform(String os, String architecture, Optional<String> variant) {
        /** The Linux platform whose binaries run on a unikernel of this architecture. */
        public static Platform linux(Arch arch) {
            return switch (arch) {
                case X86_64 -> new Platform("linux", "amd64", Optional.empty());
                case ARM64 -> new Platform("linux", "arm64", Optional.empty());
                case ARM -> new Platform("linux", "arm", Optional.of("v7"));
            };
        }

        boolean accepts(String os, String architecture, String variant) {
            return this.os.equals(os)
                    && this.architecture.equals(architecture)
                    && (variant.isEmpty() || this.variant.map(variant::equals).orElse(true));
        }

        @Override
        public String toString() {
            return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
        }
    }

    /** Where documents and blobs come from. */
    private interface Source {
        /** The top document: by tag or digest from a registry, {@code index.json} from a layout. */
        byte[] top();

        /** An index or manifest named by its digest. */
        byte[] document(Descriptor descriptor);

        /** The config blob. */
        byte[] config(Descriptor descriptor);

        /** A verified file holding the layer's bytes. */
        Path layer(Descriptor descriptor) throws IOException;
    }

    /** Pulls the image for the platform from its registry; layers land in {@code dir}. */
    public static ContainerImage pull(RegistryClient registry, ImageRef ref, Platform platform, Path dir) {
        return read(
                new Source() {
                    @Override
                    public byte[] top() {
                        RegistryClient.Fetched fetched = registry.manifest(ref, ref.reference());
                        ref.digest()
                                .ifPresent(d -> check(
                                        Descriptor.of("", fetched.bytes(), Map.of(), Optional.empty())
                                                .digest(),
                                        d,
                                        ref.toString()));
                        return fetched.bytes();
                    }

                    @Override
                    public byte[] document(Descriptor descriptor) {
                        byte[] bytes = registry.manifest(ref, "sha256:" + descriptor.hex())
                                .bytes();
                        BlobStore.check(descriptor, bytes.length, hex(bytes), ref.name() + "@" + descriptor.digest());
                        return bytes;
                    }

                    @Override
                    public byte[] config(Descriptor descriptor) {
                        if (descriptor.size() > RegistryClient.MAX_MANIFEST) {
                            throw new KraftException(
                                    ExitCode.VERIFY_FAILED,
                                    ref + ": a config of " + descriptor.size() + " bytes; refused");
                        }
                        try {
                            Path file = dir.resolve(descriptor.hex());
                            registry.blob(
                                    ref,
                                    descriptor,
                                    in -> receive(in, file, descriptor, ref.name() + "@" + descriptor.digest()));
                            return Files.readAllBytes(file);
                        } catch (IOException e) {
                            throw new KraftException(
                                    ExitCode.FETCH_FAILED, ref + ": cannot read its config: " + e.getMessage(), e);
                        }
                    }

                    @Override
                    public Path layer(Descriptor descriptor) throws IOException {
                        Path file = dir.resolve(descriptor.hex());
                        registry.blob(
                                ref,
                                descriptor,
                                in -> receive(in, file, descriptor, ref.name() + "@" + descriptor.digest()));
                        return file;
                    }
                },
                platform,
                ref.toString());
    }

    /** Reads the image for the platform from an OCI image layout directory. */
    public static ContainerImage fromLayout(Path layout, Platform platform, String what) {
        BlobStore blobs = new BlobStore(layout.resolve("blobs/sha256"));
        return read(
                new Source() {
                    @Override
                    public byte[] top() {
                        try {
                            return Files.readAllBytes(layout.resolve("index.json"));
                        } catch (IOException e) {
                            throw new KraftException(
                                    ExitCode.NOT_FOUND,
                                    what + ": no OCI image layout at " + layout + ": " + e.getMessage(),
                                    e);
                        }
                    }

                    @Override
                    public byte[] document(Descriptor descriptor) {
                        return blobs.read(descriptor);
                    }

                    @Override
                    public byte[] config(Descriptor descriptor) {
                        return blobs.read(descriptor);
                    }

                    @Override
                    public Path layer(Descriptor descriptor) {
                        blobs.verify(descriptor);
                        return blobs.path(descriptor.hex());
                    }
                },
                platform,
                what);
    }

    private static ContainerImage read(Source source, Platform platform, String what) {
        JsonNode top =
                OciJson.read(source.top(), what, union(ContainerMediaTypes.INDEXES, ContainerMediaTypes.MANIFESTS));
        JsonNode manifest = top;
        for (int depth = 0; manifest.has("manifests"); depth++) {
            if (depth > 2) {
                throw new KraftException(ExitCode.VERIFY_FAILED, what + ": indexes nested too deep");
            }
            Descriptor chosen = choose(manifest.get("manifests"), platform, what);
            manifest = OciJson.read(
                    source.document(chosen),
                    what + "@" + chosen.digest(),
                    union(ContainerMediaTypes.INDEXES, ContainerMediaTypes.MANIFESTS));
        }
        if (!manifest.path("config").isObject() || !manifest.path("layers").isArray()) {
            throw new KraftException(ExitCode.VERIFY_FAILED, what + ": not an image manifest (no config or layers)");
        }
        Descriptor configDescriptor = Descriptor.fromJson(manifest.get("config"));
        ContainerImage.Config config = ContainerImage.Config.read(source.config(configDescriptor), what + " config");
        if (!config.architecture().isEmpty()
                && !platform.accepts(config.os().isEmpty() ? platform.os() : config.os(), config.architecture(), "")) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    what + " is a " + config.os() + "/" + config.architecture() + " image, not " + platform);
        }
        List<Path> layers = new ArrayList<>();
        try {
            for (Descriptor layer : Descriptor.listFromJson(manifest.get("layers"))) {
                if (!ContainerMediaTypes.LAYERS.contains(layer.mediaType())) {
                    throw new KraftException(
                            ExitCode.VERIFY_FAILED,
                            what + ": layer " + layer.digest() + " is " + layer.mediaType()
                                    + "; kraft reads tar and gzip layers only");
                }
                layers.add(source.layer(layer));
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FETCH_FAILED, what + ": cannot store a layer: " + e.getMessage(), e);
        }
        return new ContainerImage(config, layers);
    }

    /** The index entry for the platform; a lone entry without a platform (buildah's layouts) is taken as it is. */
    private static Descriptor choose(JsonNode manifests, Platform platform, String what) {
        List<String> offered = new ArrayList<>();
        for (JsonNode entry : manifests) {
            JsonNode p = entry.path("platform");
            if (manifests.size() == 1 && p.isMissingNode()) {
                return Descriptor.fromJson(entry);
            }
            String os = p.path("os").asText(""),
                    arch = p.path("architecture").asText(""),
                    variant = p.path("variant").asText("");
            if (platform.accepts(os, arch, variant)) {
                return Descriptor.fromJson(entry);
            }
            if (!os.equals("unknown")) {
                offered.add(os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant));
            }
        }
        throw new KraftException(
                ExitCode.NOT_FOUND,
                what + " has no image for " + platform
                        + (offered.isEmpty() ? "" : "; it has: " + String.join(", ", offered)));
    }

    /** Copies a blob to file while hashing it (no further than one byte past its size); a blob that is not what its descriptor says is deleted and refused. */
    private static void receive(InputStream in, Path file, Descriptor descriptor, String where) throws IOException {
        MessageDigest digest = Digests.sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0 && size <= descriptor.size(); ) {
                out.write(buffer, 0, n);
                size += n;
            }
        }
        try {
            BlobStore.check(descriptor, size, HexFormat.of().formatHex(digest.digest()), where);
        } catch (KraftException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void check(String actual, String expected, String what) {
        if (!actual.equals(expected)) {
            throw new KraftException(
                    ExitCode.VERIFY_FAILED,
                    what + ": the registry sent a document with digest " + actual + "; refused");
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
