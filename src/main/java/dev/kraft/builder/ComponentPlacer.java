package dev.kraft.builder;

import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.log.Console;
import dev.kraft.pkg.PackageManager;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.SealedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Puts each component where make expects it. Local directories are used in place. Packages are
 * resolved to an exact commit, fetched into the shared cache, and placed under
 * {@code .unikraft/} as copies checked against the cache's seal: never hard links, so that
 * editing a placed file cannot change the cache or any other project. A record beside each placed
 * tree names what it holds, so a changed version or source replaces it (never the stale tree
 * KraftKit leaves) and an unchanged one costs one small read. The copy's seal is kept beside it
 * too ({@code .NAME.seal}, {@link SealedTree}: each file's sha256 as the cache vouched for it,
 * its size, time and mode as placed), so that the content key of a build ({@link ReuseKey})
 * reads only the files edited since.
 */
public final class ComponentPlacer {
    private final PackageManager packages;
    private final Console console;

    public ComponentPlacer(PackageManager packages, Console console) {
        this.packages = packages;
        this.console = console;
    }

    public void placeAll(Workdir workdir, BuildOptions options) {
        long start = System.nanoTime();
        List<ComponentSpec> components = workdir.project().components();
        for (ComponentSpec component : components) {
            place(workdir, component, options);
        }
        console.info("components ready", "count", components.size(), "ms", (System.nanoTime() - start) / 1_000_000);
    }

    private void place(Workdir workdir, ComponentSpec component, BuildOptions options) {
        if (component.directory().isPresent()) {
            console.info("using " + component.name() + " from "
                    + component.directory().get());
            return;
        }
        Path target = workdir.dirOf(component);
        Path record = recordOf(target);
        Optional<String> placed = read(record);
        if (options.noUpdate() && !options.forcePull() && placed.isPresent() && Files.isDirectory(target)) {
            console.info("using " + component.name() + " as placed: " + placed.get());
            return;
        }
        PackageRequest request =
                new PackageRequest(component.type(), component.name(), component.url(), component.version());
        ResolvedPackage resolved = packages.resolve(request);
        console.info(
                "resolved " + component.name() + " " + resolved.version() + " to " + resolved.shortPin(),
                "source",
                resolved.source());
        if (!options.forcePull()
                && !options.noCache()
                && placed.equals(Optional.of(resolved.identity()))
                && Files.isDirectory(target)) {
            return;
        }
        replace(resolved, target);
        try {
            AtomicFiles.writeString(record, resolved.identity());
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot record placement of " + component.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the cached tree beside the target, then swaps it in with renames; under the
     * component's lock, so the copies a killed placement left beside it can be removed first.
     */
    private void replace(ResolvedPackage resolved, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (FileLock lock = FileLock.acquire(target.resolveSibling("." + target.getFileName() + ".lock"))) {
                removeLeftovers(target);
                swapIn(resolved, target);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot place " + target + ": " + e.getMessage(), e);
        }
    }

    /** The staging trees ({@code .NAME.new-*}, {@code .NAME.old-*}) of placements that were killed. */
    private static void removeLeftovers(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path sibling : siblings.toList()) {
                String name = sibling.getFileName().toString();
                if (name.startsWith(prefix + "new-") || name.startsWith(prefix + "old-")) {
                    MoreFiles.deleteTree(sibling);
                }
            }
        }
    }

    /** The tree and its seal are swapped in with the records gone, so neither record ever describes another tree. */
    private void swapIn(ResolvedPackage resolved, Path target) throws IOException {
        Path fresh = MoreFiles.createStagingDirectory(target.getParent(), "." + target.getFileName() + ".new-");
        Path freshSeal = SealedTree.sealOf(fresh);
        try {
            packages.copy(resolved, fresh);
            Files.deleteIfExists(recordOf(target));
            Files.deleteIfExists(sealOf(target));
            if (Files.exists(target)) {
                Path old = MoreFiles.createStagingDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                AtomicFiles.moveAtomically(target, old.resolve("tree"));
                AtomicFiles.moveAtomically(fresh, target);
                MoreFiles.deleteTree(old);
            } else {
                AtomicFiles.moveAtomically(fresh, target);
            }
            if (Files.isRegularFile(freshSeal)) {
                AtomicFiles.moveAtomically(freshSeal, sealOf(target));
            }
        } finally {
            MoreFiles.deleteTree(fresh);
            Files.deleteIfExists(freshSeal);
        }
    }

    /** What is placed for a component now, if kraft placed it. */
    public static Optional<String> placedIdentity(Workdir workdir, ComponentSpec component) {
        return read(recordOf(workdir.dirOf(component)));
    }

    /**
     * The seal of a component's tree as kraft placed it, when it did: what the placed files
     * hold while their inodes say they are as placed. An edited file is read instead.
     */
    static SealedTree.Listing placedSeal(Workdir workdir, ComponentSpec component) {
        return component.directory().isPresent()
                ? SealedTree.Listing.none()
                : SealedTree.Listing.of(sealOf(workdir.dirOf(component)));
    }

    private static Path sealOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".seal");
    }

    private static Path recordOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".source");
    }

    private static Optional<String> read(Path record) {
        try {
            return Files.isRegularFile(record)
                    ? Optional.of(
                            Files.readString(record, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
