package dev.kraft.pkg.source;

import dev.kraft.pkg.PackageQuery;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.Input;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.Notices;
import dev.kraft.support.SafeTree;
import dev.kraft.support.SealedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Packages straight from git remotes through JGit: branches, tags and commit ids all resolve.
 * Each commit is cloned once into {@code <sources>/git/<remote>/<commit>}, under a lock, via a
 * temporary directory renamed into place, so a crash never leaves a half entry behind. A
 * remote's refs are listed once per {@code refsMaxAge} and remembered ({@link RemoteRefs}), as
 * the package index is: a version they lack, {@code kraft pkg update} and {@code --force-pull}
 * ask the remote again; offline, the remembered refs are all there is.
 */
public final class GitPackageManager {
    private final Path cacheRoot;
    private final Duration refsMaxAge;
    private final boolean offline;
    private final Clock clock;
    private final Notices notices;
    private final Supplier<GitSsh> ssh;
    private JGitRemotes remotes;

    /**
     * @param refsMaxAge how long a remote's listed refs are trusted ({@code ZERO}: always ask)
     * @param offline never ask a remote: resolve from remembered refs and cached commits only
     * @param notices where to say that an unreachable remote was answered from memory, and show a clone's progress
     * @param ssh how {@code ssh://} and {@code user@host:path} remotes are reached, made when git first runs
     */
    public GitPackageManager(
            Path sourcesDir, Duration refsMaxAge, boolean offline, Clock clock, Notices notices, Supplier<GitSsh> ssh) {
        this.cacheRoot = sourcesDir.resolve("git");
        this.refsMaxAge = refsMaxAge;
        this.offline = offline;
        this.clock = clock;
        this.notices = notices;
        this.ssh = ssh;
    }

    public ResolvedPackage resolve(PackageRequest request) {
        String url = request.sourceOrDefault();
        Path remoteDir = cacheRoot.resolve(GitRefs.slug(url));
        Optional<RemoteRefs.Listing> remembered = RemoteRefs.read(remoteDir);
        Map<String, String> memory = remembered.map(RemoteRefs.Listing::refs).orElse(Map.of());
        boolean fresh = remembered.isPresent()
                && !remembered.get().listedAt().plus(refsMaxAge).isBefore(clock.instant());
        if (offline || fresh || remembered.isEmpty()) {
            Optional<ResolvedPackage> known = match(request, url, memory, remoteDir, false);
            if (known.isPresent()) {
                return known.get();
            }
        }
        if (offline) {
            throw new KraftException(
                    ExitCode.NOT_FOUND,
                    Input.OFFLINE,
                    "",
                    PackageQuery.typeName(request.type()) + "/" + request.name() + " "
                            + request.version().orElse("(default branch)")
                            + " comes from git " + url
                            + (remembered.isPresent()
                                    ? ", whose refs listed " + remembered.get().listedAt() + " do not have it"
                                    : ", which was never listed here"));
        }
        Map<String, String> refs;
        try {
            refs = remotes().list(url);
        } catch (KraftException unreachable) {
            Optional<ResolvedPackage> known = match(request, url, memory, remoteDir, false);
            if (known.isEmpty()) {
                throw unreachable;
            }
            notices.warn()
                    .accept(unreachable.getMessage() + "; using its refs listed "
                            + remembered.map(RemoteRefs.Listing::listedAt).orElseThrow());
            return known.get();
        }
        try {
            RemoteRefs.write(remoteDir, refs);
        } catch (IOException e) {
            notices.warn().accept("cannot remember the refs of " + url + ": " + e.getMessage());
        }
        return match(request, url, refs, remoteDir, true)
                .orElseThrow(() -> new KraftException(
                        ExitCode.NOT_FOUND,
                        request.name() + ": "
                                + request.version()
                                        .map(v -> "version \"" + v + "\" is not a branch, tag or commit of ")
                                        .orElse("no version given and no branch in ")
                                + url));
    }

    /** Forgets every remote's remembered refs ({@code kraft pkg update}); answers how many it forgot. */
    public int forgetRefs() {
        try {
            return RemoteRefs.forgetAll(cacheRoot);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot forget the remembered git refs under " + cacheRoot + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The requested version among these refs, else a commit id: one already cached always (a
     * commit never moves), one still to be cloned only when the refs are the remote's live answer.
     */
    private static Optional<ResolvedPackage> match(
            PackageRequest request, String url, Map<String, String> refs, Path remoteDir, boolean live) {
        Optional<String> wanted = request.version().or(() -> GitRefs.defaultBranch(refs));
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        Optional<GitRefs.Match> match = GitRefs.find(refs, wanted.get());
        if (match.isPresent()) {
            return Optional.of(new ResolvedPackage(
                    request, url, wanted.get(), match.get().ref(), match.get().commit()));
        }
        String commit = wanted.get().toLowerCase(Locale.ROOT);
        if (GitRefs.looksLikeCommit(commit) && (live || Files.isDirectory(remoteDir.resolve(commit)))) {
            return Optional.of(new ResolvedPackage(request, url, wanted.get(), "", commit));
        }
        return Optional.empty();
    }

    /** The commit's cached tree (sealed: {@link SealedTree}), cloned first if it is not cached. */
    public Path fetch(ResolvedPackage resolved) {
        Path remoteDir = cacheRoot.resolve(GitRefs.slug(resolved.source()));
        Path entry = remoteDir.resolve(resolved.pin());
        if (Files.isDirectory(entry)) {
            return entry;
        }
        try {
            Files.createDirectories(remoteDir);
            try (FileLock lock = FileLock.acquire(remoteDir.resolve(resolved.pin() + ".lock"))) {
                if (Files.isDirectory(entry)) {
                    return entry;
                }
                Path temp = MoreFiles.createStagingDirectory(remoteDir, ".clone-");
                try {
                    String actual = remotes().clone(resolved, temp);
                    if (!actual.startsWith(resolved.pin())) {
                        throw new KraftException(
                                ExitCode.FETCH_FAILED,
                                resolved.request().name() + ": " + resolved.version() + " moved to " + actual
                                        + " while fetching; run again");
                    }
                    try {
                        SafeTree.judgeCheckout(temp);
                    } catch (KraftException e) {
                        throw new KraftException(e.exitCode(), resolved.identity() + ": " + e.getMessage(), e);
                    }
                    SealedTree.seal(temp, SealedTree.sealOf(entry));
                    AtomicFiles.moveAtomically(temp, entry);
                } finally {
                    MoreFiles.deleteTree(temp);
                }
            }
            return entry;
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FETCH_FAILED, "caching " + resolved.identity() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes one cached commit, whose tree no longer matches its seal. */
    public void forget(ResolvedPackage resolved) {
        Path remoteDir = cacheRoot.resolve(GitRefs.slug(resolved.source()));
        Path entry = remoteDir.resolve(resolved.pin());
        try (FileLock lock = FileLock.acquire(remoteDir.resolve(resolved.pin() + ".lock"))) {
            Path away = MoreFiles.createStagingDirectory(remoteDir, ".forgotten-");
            if (Files.exists(entry)) {
                AtomicFiles.moveAtomically(entry, away.resolve("tree"));
            }
            Files.deleteIfExists(SealedTree.sealOf(entry));
            MoreFiles.deleteTree(away);
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove " + entry + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the cached commits of one remote, or of all with an empty url; answers whether there were any. */
    public boolean remove(String url) {
        Path doomed = url.isEmpty() ? cacheRoot : cacheRoot.resolve(GitRefs.slug(url));
        if (!Files.isDirectory(doomed)) {
            return false;
        }
        try {
            Path away = MoreFiles.createStagingDirectory(cacheRoot.getParent(), ".git-removed-");
            AtomicFiles.moveAtomically(doomed, away.resolve("tree"));
            MoreFiles.deleteTree(away);
            return true;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove " + doomed + ": " + e.getMessage(), e);
        }
    }

    /** The JGit side, loaded on first use (see {@link JGitRemotes}). */
    private synchronized JGitRemotes remotes() {
        if (remotes == null) {
            remotes = new JGitRemotes(ssh.get(), notices.progress());
        }
        return remotes;
    }
}
