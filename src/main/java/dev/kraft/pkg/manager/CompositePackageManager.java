package dev.kraft.pkg.manager;

import dev.kraft.pkg.PackageManager;
import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.pkg.cache.ArchiveStore;
import dev.kraft.pkg.index.Catalog;
import dev.kraft.pkg.index.Choice;
import dev.kraft.pkg.index.IndexUpdater;
import dev.kraft.pkg.index.LocalIndex;
import dev.kraft.pkg.index.Manifest;
import dev.kraft.pkg.source.GitPackageManager;
import dev.kraft.pkg.source.GitSsh;
import dev.kraft.support.ExitCode;
import dev.kraft.support.Http;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.Notices;
import dev.kraft.support.Retry;
import dev.kraft.support.SafeUnpacker;
import dev.kraft.support.SealedTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The package manager {@code kraft build} and {@code kraft pkg} use. A component with a git
 * URL comes from git. Otherwise the package index decides: an archive with a sha256 is pinned
 * by it and needs no network once cached; a package whose archive is unverified comes from its
 * git origin when it has one, else from the archive, trusted on first use. A component the
 * index does not know comes from Unikraft's git repositories, as before there was an index.
 */
public final class CompositePackageManager implements PackageManager {
    private final Catalog catalog;
    private final ArchiveStore archives;
    private final GitPackageManager git;
    private final Notices notices;
    /** Take packages whose manifest names a git origin from git, archive or not ({@code --git}). */
    private final boolean preferGit;
    /** Bytes downloaded while resolving an unverified archive (its digest is only known once it is here), by digest. */
    private final Map<String, Long> downloadedToResolve = new HashMap<>();

    public CompositePackageManager(Catalog catalog, ArchiveStore archives, GitPackageManager git, Notices notices) {
        this(catalog, archives, git, notices, false);
    }

    private CompositePackageManager(
            Catalog catalog, ArchiveStore archives, GitPackageManager git, Notices notices, boolean preferGit) {
        this.catalog = catalog;
        this.archives = archives;
        this.git = git;
        this.notices = notices;
        this.preferGit = preferGit;
    }

    /**
     * This manager, taking every package whose manifest has a git origin from git (KraftKit's
     * {@code --git}): a channel or version is then a branch or tag, resolved to its commit.
     */
    public CompositePackageManager preferringGit(boolean prefer) {
        return prefer == preferGit ? this : new CompositePackageManager(catalog, archives, git, notices, prefer);
    }

    /** The manager over the usual directories: the local index, the archive store and the git cache. */
    public static CompositePackageManager create(
            Path manifestsDir,
            Path sourcesDir,
            Catalog.Settings settings,
            Clock clock,
            Supplier<GitSsh> ssh,
            Notices notices) {
        Http http = new Http(Duration.ofSeconds(30), Retry.DOWNLOADS, notices);
        Catalog catalog = new Catalog(new LocalIndex(manifestsDir), new IndexUpdater(http), settings, clock, notices);
        return new CompositePackageManager(
                catalog,
                new ArchiveStore(sourcesDir, http, SafeUnpacker.Limits.SOURCES, clock),
                new GitPackageManager(sourcesDir, settings.maxAge(), settings.offline(), clock, notices, ssh),
                notices);
    }

    public Catalog catalog() {
        return catalog;
    }

    public ArchiveStore archives() {
        return archives;
    }

    public GitPackageManager git() {
        return git;
    }

    @Override
    public ResolvedPackage resolve(PackageRequest request) {
        if (request.url().isPresent()) {
            return viaGit(request);
        }
        String type = PackageQuery.typeName(request.type());
        Optional<Manifest> manifest = catalog.find(type, request.name(), request.version());
        if (manifest.isEmpty()) {
            notices.debug()
                    .accept(type + "/" + request.name() + " is not in the package index; using "
                            + request.sourceOrDefault());
            return viaGit(request);
        }
        Choice choice = Choice.of(manifest.get(), request.version());
        String ref = choice.channel() ? "channel" : "version";
        if (!choice.sha256().isEmpty() && !(preferGit && manifest.get().fromGit())) {
            return new ResolvedPackage(
                    request, choice.resource(), choice.name(), ref, ResolvedPackage.SHA256 + choice.sha256());
        }
        if (manifest.get().fromGit()) {
            return viaGit(new PackageRequest(
                    request.type(), request.name(), Optional.of(manifest.get().origin()), Optional.of(choice.name())));
        }
        Instant trustedSince = choice.channel() ? catalog.lastUpdated() : Instant.EPOCH;
        ArchiveStore.Fetched fetched = archives.fetch(
                new ArchiveStore.Request(
                        manifest.get().qualifiedName() + " " + choice.name(),
                        URI.create(choice.resource()),
                        Optional.empty(),
                        trustedSince),
                catalog.settings().offline());
        if (fetched.downloaded() > 0) {
            downloadedToResolve.put(fetched.sha256(), fetched.downloaded());
            notices.warn()
                    .accept(manifest.get().qualifiedName() + " " + choice.name()
                            + " has no sha256 in its manifest; using what " + choice.resource() + " served (sha256 "
                            + fetched.sha256() + ") unverified");
        }
        return new ResolvedPackage(
                request, choice.resource(), choice.name(), ref, ResolvedPackage.SHA256 + fetched.sha256());
    }

    @Override
    public void copy(ResolvedPackage resolved, Path target) {
        useSealed(resolved, tree -> {
            MoreFiles.deleteTree(target);
            SealedTree.copy(tree, target);
        });
    }

    /** A resolved package's tree, checked against its seal, and what fetching it cost. */
    public Pulled pull(ResolvedPackage resolved) {
        return useSealed(resolved, SealedTree::verify);
    }

    /** A package in the cache; {@code downloaded} bytes, 0 when it was there already (or came by git). */
    public record Pulled(ResolvedPackage resolved, Path tree, long downloaded, boolean refetched) {}

    private interface TreeUse {
        void accept(Path tree) throws IOException;
    }

    /**
     * Fetches the package if needed and uses its tree; a cached tree that does not match its seal
     * (edited through an old project's hard link, or by hand) is evicted and fetched once more.
     */
    private Pulled useSealed(ResolvedPackage resolved, TreeUse use) {
        String label = PackageQuery.typeName(resolved.request().type()) + "/"
                + resolved.request().name() + " " + resolved.version();
        for (boolean again = false; ; again = true) {
            Pulled pulled = fetch(resolved, label);
            try {
                use.accept(pulled.tree());
                return new Pulled(resolved, pulled.tree(), pulled.downloaded(), again);
            } catch (SealedTree.Broken broken) {
                if (again) {
                    throw new KraftException(
                            ExitCode.VERIFY_FAILED,
                            label + ": freshly fetched, it still does not match what was " + "sealed ("
                                    + broken.getMessage() + ")");
                }
                if (catalog.settings().offline()) {
                    throw new KraftException(
                            ExitCode.NOT_FOUND,
                            "offline (--offline or KRAFTKIT_OFFLINE): the cached " + label
                                    + " is not what was fetched (" + broken.getMessage()
                                    + "); run once online to fetch it again");
                }
                notices.warn()
                        .accept("the cached " + label + " is not what was fetched (" + broken.getMessage()
                                + "); fetching it again");
                evict(resolved);
            } catch (IOException e) {
                throw new KraftException(
                        ExitCode.FAILURE,
                        label + ": cannot read the cached tree " + pulled.tree() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    private Pulled fetch(ResolvedPackage resolved, String label) {
        if (!resolved.isArchive()) {
            return new Pulled(resolved, git.fetch(resolved), 0, false);
        }
        ArchiveStore.Fetched fetched = archives.fetch(
                new ArchiveStore.Request(
                        label, URI.create(resolved.source()), Optional.of(resolved.sha256()), Instant.EPOCH),
                catalog.settings().offline());
        long downloaded = fetched.downloaded()
                + Optional.ofNullable(downloadedToResolve.remove(resolved.sha256()))
                        .orElse(0L);
        return new Pulled(resolved, fetched.tree(), downloaded, false);
    }

    private void evict(ResolvedPackage resolved) {
        if (resolved.isArchive()) {
            archives.remove(resolved.sha256());
        } else {
            git.forget(resolved);
        }
    }

    /** From git; offline, a missing local index is worth naming, as it may be why git was asked. */
    private ResolvedPackage viaGit(PackageRequest request) {
        try {
            return git.resolve(request);
        } catch (KraftException e) {
            if (!catalog.settings().offline() || catalog.hasLocalIndex()) {
                throw e;
            }
            throw new KraftException(
                    e.exitCode(),
                    e.input().orElse(null),
                    e.value(),
                    e.getMessage() + "; there is no local package index yet ('kraft pkg update' online makes one)",
                    e);
        }
    }
}
