package dev.kraft.pkg.oci;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local image store, {@code <runtime>/oci}: an OCI image layout ({@code oci-layout},
 * {@code index.json} naming images, {@code blobs/sha256/}), plus {@code ingest/} for blobs on
 * their way in and {@code unpacked/<manifest>/} for kernels ready to boot. Changes to names and
 * blobs happen under one lock, so a removal never deletes what a pull is naming.
 */
public final class OciStore {
    private final Path root;
    private final BlobStore blobs;
    private final RefIndex refs;

    public OciStore(Path root) {
        this.root = root;
        this.blobs = new BlobStore(root.resolve("blobs/sha256"));
        this.refs = new RefIndex(root);
    }

    public Path root() {
        return root;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public FileLock lock() throws IOException {
        Files.createDirectories(root);
        return FileLock.acquire(root.resolve(".lock"));
    }

    public Staging stage() throws IOException {
        return Staging.open(root.resolve("ingest"));
    }

    public Optional<Descriptor> find(ImageRef ref) {
        return refs.find(ref);
    }

    public Map<String, Descriptor> images() {
        return refs.read();
    }

    /** Publishes what was staged and names the index; what the name held before goes if nothing else uses it. Call with the lock held. */
    public void commit(Staging staging, ImageRef ref, Descriptor index) throws IOException {
        staging.commitTo(blobs);
        Optional<Descriptor> old = refs.find(ref);
        refs.put(ref, index);
        if (old.isPresent() && !old.get().digest().equals(index.digest())) {
            collectGarbage();
        }
    }

    /** Forgets a name and deletes what no remaining image uses; call with the lock held. */
    public boolean remove(ImageRef ref) throws IOException {
        boolean removed = refs.remove(ref);
        if (removed) {
            collectGarbage();
        }
        return removed;
    }

    /** Reads an image back from its index, every document checked against its digest. */
    public StoredImage image(String ref, Descriptor index) {
        OciJson.Index doc = OciJson.readIndex(blobs.read(index), ref);
        List<StoredImage.Variant> variants = new ArrayList<>();
        for (Descriptor descriptor : doc.manifests()) {
            OciJson.Manifest manifest = OciJson.readManifest(blobs.read(descriptor), ref + "@" + descriptor.digest());
            variants.add(new StoredImage.Variant(
                    descriptor, manifest, ImageConfig.read(blobs.read(manifest.config()), ref + " config")));
        }
        return new StoredImage(ref, index, variants);
    }

    /** Kernel (and initrd, if the image has one) of a variant as files, unpacked once per manifest. */
    public record Unpacked(Path kernel, Optional<Path> initrd) {}

    /**
     * Call with the lock held: the directory appears whole (a rename) and garbage collection
     * cannot take it half-made. {@code what} names the image in messages.
     */
    public Unpacked unpack(String what, StoredImage.Variant variant) throws IOException {
        Path dir = root.resolve("unpacked").resolve(variant.descriptor().hex());
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Path staging = MoreFiles.createStagingDirectory(dir.getParent(), ".tmp-");
            try {
                for (Descriptor layer : variant.manifest().layers()) {
                    blobs.verify(layer);
                    LayerTar.extract(blobs.path(layer.hex()), LayerTar.KERNEL, staging.resolve("kernel"));
                    LayerTar.extract(blobs.path(layer.hex()), LayerTar.INITRD, staging.resolve("initrd"));
                }
                if (!Files.isRegularFile(staging.resolve("kernel"))) {
                    throw new KraftException(
                            ExitCode.INVALID_INPUT,
                            what + ": manifest " + variant.descriptor().digest() + " (" + variant.plat() + "/"
                                    + variant.arch() + ") has no layer with " + LayerTar.KERNEL
                                    + "; it is not a unikernel image");
                }
                AtomicFiles.moveAtomically(staging, dir);
            } finally {
                MoreFiles.deleteTree(staging);
            }
        }
        Path initrd = dir.resolve("initrd");
        return new Unpacked(
                dir.resolve("kernel"), Files.isRegularFile(initrd) ? Optional.of(initrd) : Optional.empty());
    }

    /** Deletes blobs and unpacked kernels that no named image reaches. */
    private void collectGarbage() throws IOException {
        Set<String> reachable = new HashSet<>();
        for (Map.Entry<String, Descriptor> named : refs.read().entrySet()) {
            reachable.add(named.getValue().hex());
            try {
                reachable.addAll(image(named.getKey(), named.getValue()).blobs());
            } catch (KraftException unreadable) {
                // A damaged image keeps what can be read of it; pulling it again repairs it.
            }
        }
        for (String hex : blobs.all()) {
            if (!reachable.contains(hex)) {
                blobs.delete(hex);
            }
        }
        Path unpacked = root.resolve("unpacked");
        if (Files.isDirectory(unpacked)) {
            try (Stream<Path> dirs = Files.list(unpacked)) {
                // Names starting with a dot are unpacks under way.
                for (Path dir : dirs.filter(d -> !d.getFileName().toString().startsWith(".")
                                && !reachable.contains(d.getFileName().toString()))
                        .toList()) {
                    MoreFiles.deleteTree(dir);
                }
            }
        }
    }
}
