package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.Quoted;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code kraft pkg pull} of an image: the index, every platform's manifest, config and layers.
 * Each piece is checked against the digest that names it (the index against the reference's
 * digest and the registry's claim) while it waits in a staging area; only a complete, verified
 * image reaches the store, under its name, in one step.
 */
public final class Puller {
    /** A kernel, or an initrd holding a root filesystem: large, but not without end. */
    static final long MAX_LAYER = 2L << 30;

    private static final Set<String> CONFIGS =
            Set.of(Descriptor.CONFIG, "application/vnd.docker.container.image.v1+json");
    private static final Set<String> LAYERS = Set.of(
            Descriptor.LAYER,
            Descriptor.LAYER + "+gzip",
            Descriptor.LAYER + "+zstd",
            "application/vnd.docker.image.rootfs.diff.tar.gzip");
    private final OciStore store;
    private final RegistryClient registry;
    private final Consumer<String> progress;

    public Puller(OciStore store, RegistryClient registry, Consumer<String> progress) {
        this.store = store;
        this.registry = registry;
        this.progress = progress;
    }

    /** What a pull did: the index's descriptor, and the bytes it downloaded (0 when everything was there). */
    public record Pulled(Descriptor index, long downloaded) {}

    public Pulled pull(ImageRef ref) {
        RegistryClient.Fetched fetched = registry.manifest(ref, ref.reference());
        Descriptor index = Descriptor.of(Descriptor.INDEX, fetched.bytes(), Map.of(), Optional.empty());
        ref.digest().filter(d -> !d.equals(index.digest())).ifPresent(d -> {
            throw mismatch(ref + ": the registry sent an index with digest " + index.digest());
        });
        fetched.claimedDigest().filter(d -> !d.equals(index.digest())).ifPresent(d -> {
            throw mismatch(ref + ": the registry says the index is " + d + " but its bytes are " + index.digest());
        });
        if (!fetched.mediaType().isEmpty() && !fetched.mediaType().startsWith(Descriptor.INDEX)) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    ref + " is a " + fetched.mediaType() + ", not a unikernel image index"
                            + " (kraft pkg makes an OCI image index)");
        }
        OciJson.Index doc = OciJson.readIndex(fetched.bytes(), ref.toString());
        long downloaded = fetched.bytes().length;
        try (Staging staging = store.stage()) {
            staging.add(Descriptor.INDEX, fetched.bytes(), Map.of(), Optional.empty());
            for (Descriptor descriptor : doc.manifests()) {
                // hex() refuses a malformed digest before it goes into a URL.
                byte[] bytes =
                        registry.manifest(ref, "sha256:" + descriptor.hex()).bytes();
                BlobStore.check(
                        descriptor,
                        bytes.length,
                        Descriptor.of(descriptor.mediaType(), bytes, Map.of(), Optional.empty())
                                .hex(),
                        ref.name() + "@" + descriptor.digest());
                staging.add(Descriptor.MANIFEST, bytes, Map.of(), Optional.empty());
                downloaded += bytes.length;
                String what = ref.name() + "@" + descriptor.digest();
                OciJson.Manifest manifest = OciJson.readManifest(bytes, what);
                expect(manifest.config(), CONFIGS, RegistryClient.MAX_MANIFEST, what + " config");
                manifest.layers().forEach(layer -> expect(layer, LAYERS, MAX_LAYER, what + " layer"));
                downloaded += blob(ref, staging, manifest.config());
                ImageConfig.read(staging.read(manifest.config()), what + " config");
                for (Descriptor layer : manifest.layers()) {
                    downloaded += blob(ref, staging, layer);
                }
                descriptor
                        .platform()
                        .ifPresent(p -> progress.accept(
                                "pulled " + p.os() + "/" + p.architecture() + " " + descriptor.digest()));
            }
            try (FileLock lock = store.lock()) {
                store.commit(staging, ref, index);
            }
            return new Pulled(index, downloaded);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot store " + ref + " in " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /** Downloads a blob unless the store has it; returns the bytes fetched. */
    private long blob(ImageRef ref, Staging staging, Descriptor blob) throws IOException {
        if (staging.reuse(store.blobs(), blob)) {
            return 0;
        }
        registry.blob(ref, blob, in -> staging.receive(blob, in, ref.name()));
        return blob.size();
    }

    /**
     * A config or layer must be of a kind kraft reads and of a size it takes, before a byte of
     * it is fetched: a layer declared as 3 GiB is refused, not downloaded and then refused.
     */
    private static void expect(Descriptor blob, Set<String> mediaTypes, long maxSize, String what) {
        if (!mediaTypes.contains(blob.mediaType())) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    what + " " + blob.digest() + " is " + Quoted.of(blob.mediaType()) + ", not one of "
                            + String.join(", ", new TreeSet<>(mediaTypes)));
        }
        if (blob.size() < 0 || blob.size() > maxSize) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    what + " " + blob.digest() + " declares " + blob.size() + " bytes; kraft takes at most " + maxSize);
        }
    }

    private static KraftException mismatch(String message) {
        return new KraftException(ExitCode.VERIFY_FAILED, message + "; refused");
    }
}
