package dev.kraft.pkg.source;

import dev.kraft.pkg.ResolvedPackage;
import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.Network;
import dev.kraft.support.Progress;
import dev.kraft.support.ProgressSink;
import dev.kraft.support.SymbolicLinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Every call into JGit, apart from {@link GitPackageManager} so that a build whose git
 * components resolve from remembered refs and cached commits never loads JGit: its jars are
 * signed, cannot be in the start-up archive, and verifying them cost ~100 ms.
 */
final class JGitRemotes {
    /** A remote that sends nothing for this long has stalled: JGit gives up, as kraft's downloads do. */
    private static final int IDLE_TIMEOUT_SECONDS = 60;

    private final GitSsh ssh;
    private final ProgressSink progress;

    JGitRemotes(GitSsh ssh, ProgressSink progress) {
        this.ssh = ssh;
        this.progress = progress;
    }

    /** A remote's branches and tags, each to the commit it points at. */
    Map<String, String> list(String url) {
        try {
            return GitRefs.commits(ssh.configure(Git.lsRemoteRepository())
                    .setTimeout(IDLE_TIMEOUT_SECONDS)
                    .setRemote(url)
                    .setHeads(true)
                    .setTags(true)
                    .call());
        } catch (GitAPIException | RuntimeException e) {
            throw failure(url, "list", e);
        }
    }

    /**
     * Clones at the resolved commit and answers the commit the tree holds. A branch or tag is
     * cloned as {@code git clone --single-branch --branch} and KraftKit's go-git clone do it,
     * with its whole history: git abbreviates commit ids by the number of objects it holds, and
     * Unikraft's version names its commit so ({@code 0.17.0~484ff209}, seven digits from a
     * shallow clone). Links are written exactly as git stores them.
     */
    String clone(ResolvedPackage resolved, Path into) {
        boolean named = !resolved.ref().isEmpty();
        CloneCommand clone = ssh.configure(Git.cloneRepository())
                .setTimeout(IDLE_TIMEOUT_SECONDS)
                .setURI(resolved.source())
                .setDirectory(into.toFile());
        if (named) {
            clone.setBranch(resolved.ref())
                    .setBranchesToClone(List.of(resolved.ref()))
                    .setCloneSubmodules(true);
        } else {
            clone.setNoCheckout(true);
        }
        try (Progress shown =
                        progress.start("cloning " + resolved.source() + " " + resolved.version(), Progress.Unit.BYTES);
                Git git =
                        clone.setProgressMonitor(new CloneProgress(shown, into)).call()) {
            if (!named) {
                ObjectId id = git.getRepository().resolve(resolved.pin());
                if (id == null) {
                    throw new KraftException(
                            ExitCode.NOT_FOUND,
                            resolved.request().name() + ": no commit " + resolved.pin() + " in " + resolved.source());
                }
                git.checkout().setName(id.name()).call();
            }
            writeLinksExactly(git.getRepository(), into);
            return git.getRepository().resolve(Constants.HEAD).name();
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (e instanceof KraftException k) {
                throw k;
            }
            throw failure(resolved.source(), "clone", e);
        }
    }

    /** JGit writes links through Java's paths, which drop a trailing slash ({@link SymbolicLinks}); rewrites those. */
    private static void writeLinksExactly(Repository repository, Path into) throws IOException {
        try (RevWalk commits = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(commits.parseCommit(repository.resolve(Constants.HEAD)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.SYMLINK) {
                    String target =
                            new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    if (!SymbolicLinks.javaKeeps(target)) {
                        SymbolicLinks.replace(into.resolve(tree.getPathString()), target);
                    }
                }
            }
        }
    }

    /** A remote that cannot be reached says so (JGit's own message is the bare host name); ssh trouble says what to do. */
    private KraftException failure(String url, String action, Throwable e) {
        Optional<String> ssh = this.ssh.explain(e);
        if (ssh.isEmpty() && Network.unreachable(e).isPresent()) {
            return Network.unreachable(Network.host(url), "to " + action + " " + url, e);
        }
        return new KraftException(
                ExitCode.FETCH_FAILED,
                "cannot " + action + " " + url + ": " + ssh.orElseGet(() -> Network.reason(e)),
                e);
    }
}
