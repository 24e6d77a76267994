package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code kraft pkg push}: an image from the local store to its registry, bottom up so the
 * registry never holds a name for something incomplete: each platform's layers and config
 * (skipping blobs it has), its manifest by digest, and last the index under the tag.
 */
public final class Pusher {
    private final OciStore store;
    private final RegistryClient registry;
    private final Consumer<String> progress;

    public Pusher(OciStore store, RegistryClient registry, Consumer<String> progress) {
        this.store = store;
        this.registry = registry;
        this.progress = progress;
    }

    /** Pushes the image named ref; returns the index's digest. */
    public String push(ImageRef ref) {
        Descriptor index = store.find(ref)
                .orElseThrow(
                        () -> new KraftException(
                                ExitCode.NOT_FOUND,
                                ref
                                        + " is not in the local store; package it first (kraft pkg; kraft pkg ls lists what there is)"));
        StoredImage image = store.image(ref.toString(), index);
        try {
            for (StoredImage.Variant variant : image.variants()) {
                List<Descriptor> blobs = new ArrayList<>(variant.manifest().layers());
                blobs.add(variant.manifest().config());
                for (Descriptor blob : blobs) {
                    store.blobs().verify(blob);
                    if (!registry.hasBlob(ref, blob)) {
                        registry.pushBlob(ref, blob, store.blobs().path(blob.hex()));
                    }
                }
                registry.pushManifest(
                        ref,
                        variant.descriptor().digest(),
                        Descriptor.MANIFEST,
                        store.blobs().read(variant.descriptor()));
                progress.accept("pushed " + variant.plat() + "/" + variant.arch() + " "
                        + variant.descriptor().digest());
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot read " + ref + " from " + store.root() + ": " + e.getMessage(), e);
        }
        registry.pushManifest(
                ref, ref.reference(), Descriptor.INDEX, store.blobs().read(index));
        return index.digest();
    }
}
