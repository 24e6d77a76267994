package dev.kraft.pkg.source;

import dev.kraft.pkg.PackageManager;
import dev.kraft.pkg.PackageRequest;
import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.ExitCode;
import dev.kraft.support.FileLock;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Packages straight from git remotes through JGit: branches, tags and commit ids all resolve.
 * Each commit is cloned once into {@code <sources>/git/<remote>/<commit>}, under a lock, via a
 * temporary directory renamed into place, so a crash never leaves a half entry behind.
 */
public final class GitPackageManager implements PackageManager {
    private final Path cacheRoot;

    public GitPackageManager(Path sourcesDir) {
        this.cacheRoot = sourcesDir.resolve("git");
    }

    @Override
    public ResolvedPackage resolve(PackageRequest request) {
        String url = request.sourceOrDefault();
        Collection<Ref> refs = listRemote(url);
        String wanted = request.version().orElseGet(() -> defaultBranch(refs));
        Optional<GitRefs.Match> match = GitRefs.find(refs, wanted);
        if (match.isPresent()) {
            return new ResolvedPackage(request, url, wanted, match.get().ref(), match.get().commit());
        }
        if (GitRefs.looksLikeCommit(wanted)) {
            return new ResolvedPackage(request, url, wanted, "", wanted.toLowerCase(Locale.ROOT));
        }
        throw new KraftException(ExitCode.NOT_FOUND, request.name() + ": version \"" + wanted
                + "\" is not a branch, tag or commit of " + url);
    }

    @Override
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
                    String actual = clone(resolved, temp);
                    if (!actual.startsWith(resolved.pin())) {
                        throw new KraftException(ExitCode.FETCH_FAILED, resolved.request().name() + ": "
                                + resolved.version() + " moved to " + actual + " while fetching; run again");
                    }
                    AtomicFiles.moveAtomically(temp, entry);
                } finally {
                    MoreFiles.deleteTree(temp);
                }
            }
            return entry;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FETCH_FAILED, "caching " + resolved.identity() + ": " + e.getMessage(), e);
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

    private static Collection<Ref> listRemote(String url) {
        try {
            return Git.lsRemoteRepository().setRemote(url).setHeads(true).setTags(true).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new KraftException(ExitCode.FETCH_FAILED, "cannot list " + url + ": " + rootMessage(e), e);
        }
    }

    /** KraftKit's rule: the {@code stable} channel when the remote has one, else its first branch. */
    private static String defaultBranch(Collection<Ref> refs) {
        if (GitRefs.find(refs, "stable").isPresent()) {
            return "stable";
        }
        return refs.stream().map(Ref::getName).filter(n -> n.startsWith(Constants.R_HEADS))
                .map(n -> n.substring(Constants.R_HEADS.length())).sorted().findFirst()
                .orElseThrow(() -> new KraftException(ExitCode.NOT_FOUND, "the remote has no branches"));
    }

    /** Clones at the resolved commit and answers the commit the tree holds. */
    private static String clone(ResolvedPackage resolved, Path into) {
        boolean named = !resolved.ref().isEmpty();
        try (Git git = named
                ? Git.cloneRepository().setURI(resolved.source()).setDirectory(into.toFile())
                        .setBranch(resolved.ref()).setDepth(1).setCloneSubmodules(true).call()
                : Git.cloneRepository().setURI(resolved.source()).setDirectory(into.toFile()).setNoCheckout(true).call()) {
            if (!named) {
                ObjectId id = git.getRepository().resolve(resolved.pin());
                if (id == null) {
                    throw new KraftException(ExitCode.NOT_FOUND, resolved.request().name() + ": no commit " + resolved.pin()
                            + " in " + resolved.source());
                }
                git.checkout().setName(id.name()).call();
            }
            return git.getRepository().resolve(Constants.HEAD).name();
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof KraftException k) {
                throw k;
            }
            throw new KraftException(ExitCode.FETCH_FAILED, "cannot clone " + resolved.source() + " at "
                    + resolved.version() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage() == null ? root : root.getMessage());
    }
}
