package dev.kraft.cli;

import dev.kraft.pkg.manager.CompositePackageManager;
import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.pkg.oci.ImageRef;
import dev.kraft.pkg.oci.Images;
import dev.kraft.pkg.oci.Puller;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.unikraft.ComponentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft pkg pull}: resolves packages to an exact archive or commit and fetches them into
 * the cache; image references ({@code registry/name:tag}) go to the local image store, verified.
 */
@Command(name = "pull", aliases = "pl", mixinStandardHelpOptions = true,
        description = "Fetch packages into the source cache (and copy them out with -o).",
        footer = {"", "Examples:", "  kraft pkg pull lib/musl:stable", "  kraft pkg pull unikraft:0.17.0 -o ./unikraft",
                "  kraft pkg pull --offline lib/lwip    succeeds only from the cache",
                "  kraft pkg pull localhost:5000/hello:1   an image, into the local image store"})
final class PkgPullCommand implements Callable<Integer> {
    private final PackageServices services;

    @Parameters(arity = "1..*", paramLabel = "PKG",
            description = "[TYPE/]NAME[:VERSION] (VERSION is a channel or a version), or an image REGISTRY/NAME:TAG.")
    List<String> packages = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Also copy the package to DIR (several packages: DIR/<name>); DIR must be new or empty.")
    Path output;

    @Option(names = "--offline", description = "Use only the cache and the local index; never the network.")
    boolean offline;

    @Option(names = {"-u", "--update"}, description = "Fetch the package index first.")
    boolean update;

    PkgPullCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        CompositePackageManager manager = services.packages(offline, false);
        if (update) {
            manager.catalog().update();
        }
        for (String text : packages) {
            if (ImageRef.looksLikeImage(text)) {
                pullImage(ImageRef.parse(text));
                continue;
            }
            PackageQuery query = PackageQuery.parse(text);
            ComponentType type = query.type().orElseGet(() -> query.name().equals("unikraft") ? ComponentType.CORE
                    : ComponentType.valueOf(manager.catalog().manifest(query).type().toUpperCase(Locale.ROOT)));
            ResolvedPackage resolved = manager.resolve(new PackageRequest(type, query.name(), Optional.empty(), query.version()));
            CompositePackageManager.Pulled pulled = manager.pull(resolved);
            String how = pulled.refetched() ? "fetched again: the cached copy had changed" : !resolved.isArchive() ? "git"
                    : pulled.downloaded() > 0 ? "downloaded " + pulled.downloaded() + " bytes" : "cached";
            services.console().info("pulled " + PackageQuery.typeName(type) + "/" + query.name() + " " + resolved.version()
                    + " " + resolved.shortPin() + " (" + how + ")");
            if (output != null) {
                copyOut(manager, resolved, packages.size() == 1 ? output : output.resolve(query.name()));
            }
        }
        return 0;
    }

    /** An image into the local store; offline, only an image already there is "pulled". */
    private void pullImage(ImageRef ref) {
        if (output != null) {
            throw new KraftException(ExitCode.USAGE, "-o copies packages; " + ref + " is an image (kraft run " + ref + " boots it)");
        }
        Images images = services.images();
        if (services.offline(offline)) {
            services.console().info("pulled " + ref + " " + images.local(ref, true).digest() + " (in the local store)");
            return;
        }
        Puller.Pulled pulled = images.pull(ref);
        services.console().info("pulled " + ref + " " + pulled.index().digest() + " (downloaded " + pulled.downloaded() + " bytes)");
    }

    /** Copies beside the destination, then renames, so DIR is either absent or complete. */
    private void copyOut(CompositePackageManager manager, ResolvedPackage resolved, Path dir) {
        Path target = services.env().cwd().resolve(dir).toAbsolutePath().normalize();
        services.ownership().claimTree(target);
        try {
            if (Files.exists(target)) {
                try (Stream<Path> children = Files.list(target)) {
                    if (children.findAny().isPresent()) {
                        throw new KraftException(ExitCode.STATE, target + " is not empty; pull into a new or empty directory");
                    }
                }
                Files.delete(target);
            }
            Files.createDirectories(target.getParent());
            Path staging = MoreFiles.createStagingDirectory(target.getParent(), "." + target.getFileName() + ".pull-");
            try {
                manager.copy(resolved, staging.resolve("tree"));
                AtomicFiles.moveAtomically(staging.resolve("tree"), target);
            } finally {
                MoreFiles.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot copy to " + target + ": " + e.getMessage(), e);
        }
    }
}
