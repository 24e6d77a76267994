package dev.kraft.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Files kraft makes under a user's HOME while it runs as root ({@code sudo -E kraft …}, HOME
 * still the user's) go back to that user when the command ends: otherwise the user's next
 * {@code kraft build}, {@code run} or {@code pkg update} meets root's files and fails (KraftKit
 * #992, #1342). The user is SUDO_UID/SUDO_GID, or HOME's owner. Only the trees a command wrote
 * to are walked, and only when there is someone to give them to: a plain user's command, or
 * root's with root's own HOME, costs one stat.
 */
public final class HomeOwnership {
    private static final HomeOwnership NOBODY = new HomeOwnership(Path.of("/"), -1, -1);
    private final Path home;
    private final int uid;
    private final int gid;
    /** Trees written to, and whether to walk them whole (a cache) or only their own entries (a project's directory). */
    private final Map<Path, Boolean> claimed = new LinkedHashMap<>();

    private HomeOwnership(Path home, int uid, int gid) {
        this.home = home;
        this.uid = uid;
        this.gid = gid;
    }

    /** The user to give files back to, when kraft runs as root with someone else's HOME. */
    public static HomeOwnership of(Env env) {
        try {
            if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") != 0) {
                return NOBODY;
            }
            Path home = env.home().toAbsolutePath().normalize();
            int homeUid = (Integer) Files.getAttribute(home, "unix:uid");
            if (homeUid == 0) {
                return NOBODY;
            }
            Optional<Integer> sudoUid = number(env.var("SUDO_UID"));
            Optional<Integer> sudoGid = number(env.var("SUDO_GID"));
            return sudoUid.isPresent() && sudoGid.isPresent()
                    ? new HomeOwnership(home, sudoUid.get(), sudoGid.get())
                    : new HomeOwnership(home, homeUid, (Integer) Files.getAttribute(home, "unix:gid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return NOBODY;
        }
    }

    /** A tree this command writes to (a cache, the machines): everything in it is given back. */
    public void claimTree(Path root) {
        claim(root, true);
    }

    /** A directory this command writes files into (a project): its own entries are given back, and {@code .unikraft} whole. */
    public void claimEntries(Path dir) {
        claim(dir, false);
    }

    private void claim(Path path, boolean whole) {
        Path normal = path.toAbsolutePath().normalize();
        if (uid >= 0 && normal.startsWith(home)) {
            claimed.merge(normal, whole, Boolean::logicalOr);
        }
    }

    /** Gives every root-owned file of the claimed trees, and the directories above them up to HOME, to the user. */
    public void restore() {
        for (Map.Entry<Path, Boolean> tree : claimed.entrySet()) {
            try {
                for (Path dir = tree.getKey().getParent();
                        dir != null && dir.startsWith(home) && !dir.equals(home);
                        dir = dir.getParent()) {
                    giveBack(dir);
                }
                if (Files.exists(tree.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.walkFileTree(tree.getKey(), new GiveBack(tree.getKey(), tree.getValue()));
                }
            } catch (IOException e) {
                // Best effort: what could not be given back is said by the user's next command (permission denied, and
                // the fix).
            }
        }
    }

    private void giveBack(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) == 0) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Walks a claimed tree: whole, or only its own entries and the {@code .unikraft} directory beneath it. */
    private final class GiveBack extends SimpleFileVisitor<Path> {
        private final Path root;
        private final boolean whole;

        GiveBack(Path root, boolean whole) {
            this.root = root;
            this.whole = whole;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            giveBack(dir);
            boolean inside = whole || dir.equals(root) || dir.startsWith(root.resolve(".unikraft"));
            return inside ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            giveBack(file);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }
    }

    private static Optional<Integer> number(Optional<String> text) {
        try {
            return text.map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
