package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An image as the local store holds it: the index and, for each platform, its manifest and
 * config, all read back through their digests.
 */
public record StoredImage(String ref, Descriptor index, List<Variant> variants) {
    /** KraftKit skips descriptors without this annotation as not made for unikernels ({@code oci/compatible.go}). */
    public static final String KRAFTKIT_VERSION = "sh.kraftkit.version";

    /** One platform's kernel: its manifest's descriptor (with the platform), the manifest and the config. */
    public record Variant(Descriptor descriptor, OciJson.Manifest manifest, ImageConfig config) {
        public String plat() {
            return config.platform().os();
        }

        public String arch() {
            return config.platform().architecture();
        }

        /** Whether an initrd comes with the kernel: a layer annotated as KraftKit annotates it. */
        public boolean hasInitrd() {
            return manifest.layers().stream()
                    .anyMatch(layer -> layer.annotations().containsKey(LayerTar.INITRD_ANNOTATION));
        }
    }

    public StoredImage {
        variants = List.copyOf(variants);
    }

    /**
     * The variant for a platform and architecture (os and architecture, as KraftKit matches);
     * none or several matching is an error that lists what the image offers.
     */
    public Variant select(Plat plat, Arch arch) {
        List<Variant> forPlatform = variants.stream()
                .filter(v -> v.plat().equals(plat.id()) && v.arch().equals(arch.id()))
                .toList();
        List<Variant> matching = forPlatform.stream()
                .filter(v -> v.descriptor().annotations().containsKey(KRAFTKIT_VERSION)
                        || v.manifest().annotations().containsKey(KRAFTKIT_VERSION))
                .toList();
        if (matching.isEmpty()) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    Input.PLATFORM,
                    plat.id() + "/" + arch.id(),
                    ref + " has no unikernel for "
                            + plat.id() + "/" + arch.id()
                            + (forPlatform.isEmpty()
                                    ? "; it has: " + platforms()
                                    : ": its manifest for it lacks the " + KRAFTKIT_VERSION
                                            + " annotation of unikernel images"));
        }
        if (matching.size() > 1) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    ref + " has " + matching.size() + " manifests for " + plat.id() + "/" + arch.id()
                            + "; kraft cannot tell which to run");
        }
        return matching.get(0);
    }

    /** {@code qemu/x86_64, fc/x86_64}: what the image offers, in index order. */
    public String platforms() {
        return variants.isEmpty()
                ? "nothing"
                : variants.stream().map(v -> v.plat() + "/" + v.arch()).collect(Collectors.joining(", "));
    }

    /** The hex digests of every blob it uses: index, manifests, configs, layers. */
    public Set<String> blobs() {
        Set<String> hexes = new HashSet<>(List.of(index.hex()));
        for (Variant variant : variants) {
            hexes.add(variant.descriptor().hex());
            hexes.add(variant.manifest().config().hex());
            variant.manifest().layers().forEach(l -> hexes.add(l.hex()));
        }
        return hexes;
    }

    /** The bytes of its layers, each counted once: platforms often share a kernel. */
    public long size() {
        return variants.stream()
                .flatMap(v -> v.manifest().layers().stream())
                .collect(Collectors.toMap(Descriptor::digest, Descriptor::size, (a, b) -> a))
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
