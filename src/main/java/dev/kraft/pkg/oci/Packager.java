package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kraft pkg}: kernels into one image index, KraftKit's layout ({@code oci/pack.go}), one
 * manifest per target. Given the same inputs and creation time it writes the same bytes, so
 * packaging twice gives the same digest.
 */
public final class Packager {
    private final OciStore store;

    public Packager(OciStore store) {
        this.store = store;
    }

    /** What to do when the name is taken: KraftKit's strategies. */
    public enum Strategy {
        ABORT,
        OVERWRITE,
        MERGE;

        /** KraftKit's names, {@code exit} as another name of abort. */
        public static Strategy parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "overwrite" -> OVERWRITE;
                case "merge" -> MERGE;
                case "abort", "exit" -> ABORT;
                default ->
                    throw new KraftException(
                            ExitCode.USAGE, Input.STRATEGY, text, "expected overwrite, merge or abort");
            };
        }
    }

    /**
     * {@code org.opencontainers.image.created}: SOURCE_DATE_EPOCH when set, else the epoch, never
     * the clock, so that packaging the same kernels twice gives the same digests.
     */
    public static Instant creationTime(Map<String, String> env) {
        String epoch = env.getOrDefault("SOURCE_DATE_EPOCH", "");
        try {
            return epoch.isBlank() ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(epoch.strip()));
        } catch (NumberFormatException e) {
            throw new KraftException(ExitCode.USAGE, "SOURCE_DATE_EPOCH=" + epoch + ": expected seconds since 1970");
        }
    }

    /** One kernel to package; {@code kconfig} is its .config, empty with {@code --no-kconfig} but for the version. */
    public record Target(
            Arch arch,
            Plat plat,
            Path kernel,
            Optional<Path> initrd,
            KConfig kconfig,
            boolean withFeatures,
            List<String> cmd,
            List<String> env,
            Map<String, String> labels) {}

    /** {@code created} is fixed (SOURCE_DATE_EPOCH or the epoch), not the clock: that is what makes digests repeat. */
    public record Request(
            ImageRef ref, List<Target> targets, Strategy strategy, Instant created, String kraftVersion) {}

    public Descriptor pack(Request request) {
        try (Staging staging = store.stage()) {
            List<Descriptor> manifests = new ArrayList<>();
            for (Target target : request.targets()) {
                manifests.add(manifest(staging, request, target));
            }
            try (FileLock lock = store.lock()) {
                Optional<Descriptor> existing = store.find(request.ref());
                if (existing.isPresent() && request.strategy() == Strategy.ABORT) {
                    throw new KraftException(
                            ExitCode.STATE,
                            Input.STRATEGY,
                            "abort",
                            request.ref() + " exists already; "
                                    + "overwrite it or merge into it instead, or remove it first (kraft pkg remove "
                                    + request.ref() + ")");
                }
                if (existing.isPresent() && request.strategy() == Strategy.MERGE) {
                    manifests.addAll(0, kept(store.image(request.ref().toString(), existing.get()), manifests));
                }
                Descriptor index = staging.add(
                        Descriptor.INDEX,
                        OciJson.index(new OciJson.Index(manifests, annotations(request, false))),
                        Map.of(),
                        Optional.empty());
                store.commit(staging, request.ref(), index);
                return index;
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot package " + request.ref() + " into " + store.root() + ": " + e.getMessage(),
                    e);
        }
    }

    private Descriptor manifest(Staging staging, Request request, Target target) throws IOException {
        List<Descriptor> layers = new ArrayList<>();
        layers.add(layer(staging, target.kernel(), LayerTar.KERNEL, LayerTar.KERNEL_ANNOTATION));
        if (target.initrd().isPresent()) {
            layers.add(layer(staging, target.initrd().get(), LayerTar.INITRD, LayerTar.INITRD_ANNOTATION));
        }
        String version = target.kconfig().asMap().getOrDefault("CONFIG_UK_FULLVERSION", "");
        Descriptor.Platform platform = new Descriptor.Platform(
                target.arch().id(),
                target.plat().id(),
                version,
                target.withFeatures() ? ImageConfig.features(target.kconfig()) : List.of());
        ImageConfig config = new ImageConfig(
                platform,
                target.env(),
                target.cmd(),
                target.labels(),
                layers.stream().map(Descriptor::digest).toList());
        Descriptor configBlob = staging.add(Descriptor.CONFIG, config.toBytes(), Map.of(), Optional.of(platform));
        Map<String, String> annotations = annotations(request, true);
        if (!version.isEmpty()) {
            annotations.put("org.unikraft.kernel.version", version);
        }
        byte[] manifest = OciJson.manifest(new OciJson.Manifest(configBlob, layers, annotations));
        return staging.add(Descriptor.MANIFEST, manifest, annotations, Optional.of(platform));
    }

    private static Descriptor layer(Staging staging, Path file, String path, String annotation) throws IOException {
        Path tar = staging.newFile();
        LayerTar.write(file, path, tar);
        return staging.addFile(Descriptor.LAYER, tar, Map.of(annotation, path));
    }

    /** KraftKit's annotations; the manifest's also name the image for Unikraft's tools. */
    private static Map<String, String> annotations(Request request, boolean manifest) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(RefIndex.REF_NAME, request.ref().name());
        annotations.put(
                "org.opencontainers.image.created",
                DateTimeFormatter.ISO_INSTANT.format(
                        request.created().atOffset(ZoneOffset.UTC).withNano(0).toInstant()));
        annotations.put(StoredImage.KRAFTKIT_VERSION, request.kraftVersion());
        annotations.put("io.containerd.image.name", request.ref().toString());
        if (manifest) {
            annotations.put("org.unikraft.image.name", request.ref().name());
        }
        return annotations;
    }

    /** For --strategy merge: the old manifests of platforms this run does not package again. */
    private static List<Descriptor> kept(StoredImage old, List<Descriptor> fresh) {
        return old.variants().stream()
                .filter(v -> fresh.stream()
                        .flatMap(f -> f.platform().stream())
                        .noneMatch(
                                p -> p.os().equals(v.plat()) && p.architecture().equals(v.arch())))
                .map(StoredImage.Variant::descriptor)
                .toList();
    }
}
