package dev.kraft.pkg.oci;

import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.Notices;
import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.KConfig;
import dev.kraft.unikraft.Plat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Unikernel images as the rest of kraft uses them: found in the local store or pulled, and one
 * platform's kernel and initrd unpacked with what the image says to run them with. {@code kraft
 * run IMAGE} comes here, and so can anything else that boots an image's kernel (a runtime
 * project's {@code runtime:}, an OCI runtime's bundle).
 */
public final class Images {
    private final OciStore store;
    private final Supplier<RegistryClient> registry;
    private final Notices notices;

    /** @param registry asked for only when an image must be pulled */
    public Images(OciStore store, Supplier<RegistryClient> registry, Notices notices) {
        this.store = store;
        this.registry = registry;
        this.notices = notices;
    }

    public OciStore store() {
        return store;
    }

    /** An image's kernel ready to boot: its files (in the store: copy them before the image may go) and its Cmd, Env and Kconfig. */
    public record Boot(
            ImageRef ref,
            String digest,
            Path kernel,
            Optional<Path> initrd,
            List<String> cmd,
            Map<String, String> env,
            KConfig kconfig) {}

    /** {@code kraft pkg ls}'s row for an image (type {@code oci}), beside the packages of the index. */
    public record Row(String type, String name, String tag, List<String> platforms, String digest, long size) {}

    /** The image's index, pulled first when the store lacks it (never when offline). */
    public Descriptor local(ImageRef ref, boolean offline) {
        return local(ref, ref.toString(), offline);
    }

    /** @param what how messages name the image: {@code runtime unikraft.org/base:latest} */
    private Descriptor local(ImageRef ref, String what, boolean offline) {
        return store.find(ref).orElseGet(() -> {
            if (offline) {
                throw new KraftException(
                        ExitCode.NOT_FOUND,
                        Input.OFFLINE,
                        "",
                        what + " is not cached (not in the local image store);"
                                + " get it once online with: kraft pkg pull " + ref);
            }
            notices.info().accept("pulling " + what);
            return pull(ref).index();
        });
    }

    public Puller.Pulled pull(ImageRef ref) {
        return new Puller(store, registry.get(), notices.info()).pull(ref);
    }

    /** The variant of the image for a platform and architecture, unpacked: what boots it. */
    public Boot boot(ImageRef ref, Plat plat, Arch arch, boolean offline) {
        return boot(ref, ref.toString(), plat, arch, offline);
    }

    /**
     * As {@link #boot(ImageRef, Plat, Arch, boolean)}, with messages that name the image as
     * {@code what} ({@code runtime unikraft.org/base:latest}).
     */
    public Boot boot(ImageRef ref, String what, Plat plat, Arch arch, boolean offline) {
        Descriptor index = local(ref, what, offline);
        try (FileLock lock = store.lock()) {
            StoredImage.Variant variant = store.image(what, index).select(plat, arch);
            OciStore.Unpacked files = store.unpack(what, variant);
            notices.debug()
                    .accept("running " + ref + " " + variant.descriptor().digest() + " (" + plat + "/" + arch + ")");
            return new Boot(
                    ref,
                    variant.descriptor().digest(),
                    files.kernel(),
                    files.initrd(),
                    variant.config().cmd(),
                    variant.config().envMap(),
                    variant.config().kconfig());
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot unpack " + ref + " in " + store.root() + ": " + e.getMessage(), e);
        }
    }

    /** The variant for a platform and architecture of an image the store has, read and not unpacked; empty when it has not the image. */
    public Optional<StoredImage.Variant> cached(ImageRef ref, String what, Plat plat, Arch arch) {
        return store.find(ref).map(index -> store.image(what, index).select(plat, arch));
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Descriptor> named : store.images().entrySet()) {
            ImageRef ref = ImageRef.parse(named.getKey());
            StoredImage image = store.image(named.getKey(), named.getValue());
            rows.add(new Row(
                    "oci",
                    ref.name(),
                    ref.tag().or(ref::digest).orElse(""),
                    image.variants().stream()
                            .map(v -> v.plat() + "/" + v.arch())
                            .toList(),
                    named.getValue().digest(),
                    image.size()));
        }
        return rows;
    }
}
