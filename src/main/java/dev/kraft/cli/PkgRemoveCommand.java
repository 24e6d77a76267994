package dev.kraft.cli;

import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.cache.EntryInfo;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.OciStore;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft pkg remove}: deletes cached archives of packages (all their releases, or the one
 * named) and images of the local store, or with {@code --all} the whole source cache and every
 * image. Projects keep their placed copies; machines keep their kernels.
 */
@Command(
        name = "remove",
        aliases = {"rm", "prune"},
        mixinStandardHelpOptions = true,
        description = "Delete packages from the source cache and images from the local store.",
        footer = {
            "",
            "Examples:",
            "  kraft pkg remove lib/musl",
            "  kraft pkg remove lib/musl:stable",
            "  kraft pkg remove localhost:5000/hello:1",
            "  kraft pkg prune --all"
        })
final class PkgRemoveCommand implements Callable<Integer> {
    private final PackageServices services;

    @Mixin
    UnusedKraftfileOption kraftfile = new UnusedKraftfileOption();

    @Parameters(
            arity = "0..*",
            paramLabel = "PKG",
            description = "[TYPE/]NAME[:VERSION], or an image REGISTRY/NAME:TAG")
    List<String> packages = new ArrayList<>();

    @Option(
            names = {"-a", "--all"},
            description = "Delete everything in the source cache, git clones included, and every image.")
    boolean all;

    @Option(
            names = {"-n", "--name"},
            paramLabel = "PKG",
            description = "A package or image to delete (as an argument is).")
    List<String> named = new ArrayList<>();

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            defaultValue = "any",
            completionCandidates = Choices.PackageFormats.class,
            description = "Which store: manifest (the source cache), oci (the image store) or any (default).")
    String format;

    PkgRemoveCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        List<String> given = new ArrayList<>(packages);
        given.addAll(named);
        if (all == !given.isEmpty()) {
            throw new KraftException(ExitCode.USAGE, "name packages to remove, or use --all (not both)");
        }
        if (!List.of("any", "manifest", "oci").contains(format)) {
            throw new KraftException(ExitCode.USAGE, "--format " + format + ": expected any, manifest or oci");
        }
        boolean images = !format.equals("manifest");
        boolean archives = !format.equals("oci");
        CompositePackageManager manager = services.packages(true, false);
        OciStore store = services.imageStore();
        List<String> imageRefs =
                images ? given.stream().filter(p -> isImage(store, p)).toList() : List.of();
        List<Predicate<EntryInfo>> wanted = archives
                ? given.stream()
                        .filter(p -> !imageRefs.contains(p))
                        .map(p -> matcher(manager, PackageQuery.parse(p)))
                        .toList()
                : List.of();
        int removed = images ? removeImages(store, imageRefs) : 0;
        for (EntryInfo entry : archives ? manager.archives().entries() : List.<EntryInfo>of()) {
            if ((all || wanted.stream().anyMatch(w -> w.test(entry)))
                    && manager.archives().remove(entry.sha256())) {
                services.console()
                        .info("removed " + (entry.label().isEmpty() ? "?" : entry.label()) + " sha256:"
                                + entry.sha256().substring(0, 12));
                removed++;
            }
        }
        if (all && archives && manager.git().remove("")) {
            services.console().info("removed the git cache");
            removed++;
        }
        if (removed == 0) {
            services.console().warn("nothing in the cache or the image store matched");
        }
        return 0;
    }

    /**
     * Whether a word names an image: it looks like one ({@code localhost:5000/hello:1}), or the
     * image store has it under that name ({@code x:1}, which {@code kraft pkg --name x:1} stored as
     * {@code unikraft.org/x:1}, or in another {@code oci.default_registry}).
     */
    private boolean isImage(OciStore store, String word) {
        if (ImageRef.looksLikeImage(word)) {
            return true;
        }
        try {
            return store.find(services.imageRef(word)).isPresent();
        } catch (KraftException notAReference) {
            return false;
        }
    }

    /** Images by reference (with --all, every one), and then what no remaining image uses. */
    private int removeImages(OciStore store, List<String> refs) {
        if (refs.isEmpty() && !(all && Files.isDirectory(store.root()))) {
            return 0;
        }
        int removed = 0;
        try (FileLock lock = store.lock()) {
            for (String ref : all ? List.copyOf(store.images().keySet()) : refs) {
                if (store.remove(services.imageRef(ref))) {
                    services.console().info("removed " + ref);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot remove images from " + store.root() + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** An entry belongs to a query by the label it was fetched under, or by a digest the query's manifest lists. */
    private static Predicate<EntryInfo> matcher(CompositePackageManager manager, PackageQuery query) {
        Set<String> digests = new HashSet<>();
        for (Manifest m : manager.catalog().all()) {
            if (m.name().equals(query.name())
                    && query.type()
                            .map(t -> PackageQuery.typeName(t).equals(m.type()))
                            .orElse(true)) {
                m.channels().stream()
                        .filter(c -> query.version().map(c.name()::equals).orElse(true))
                        .forEach(c -> digests.add(c.sha256()));
                m.versions().stream()
                        .filter(v -> query.version().map(v.version()::equals).orElse(true))
                        .forEach(v -> digests.add(v.sha256()));
            }
        }
        return entry -> {
            String[] label = entry.label().split(" ", 2);
            boolean named = query.type()
                    .map(t -> label[0].equals(PackageQuery.typeName(t) + "/" + query.name()))
                    .orElse(label[0].endsWith("/" + query.name()));
            return named
                            && query.version()
                                    .map(v -> label.length > 1 && label[1].equals(v))
                                    .orElse(true)
                    || digests.contains(entry.sha256());
        };
    }
}
