package dev.kraft.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes archive entries below one directory and nowhere else, onto an empty tree or one that
 * earlier archives (a root filesystem's lower layers) already filled. Names with {@code ..} or
 * a leading {@code /} are refused; so is every write, link or removal through a symbolic link
 * (an earlier entry may have made {@code lib -> /etc}), and more entries or bytes than the
 * limits allow.
 *
 * <p>A symbolic link is judged by where it leads on disk, not by its text: it is followed
 * component by component through the links the tree already holds ({@code a/b -> ..} makes
 * {@code c -> a/b/..} leave the tree although {@code a/b/..} reads as {@code a}). Since a later
 * entry can change what an earlier link leads to (replace {@code d -> x/y} by {@code d -> .}),
 * {@link #finish} judges every link of the finished tree again: callers call it before they use
 * the tree. Setuid, setgid and sticky bits never land on the host.
 */
public final class SafeTree {
    /** Below this many bytes unpacked, no ratio is a bomb. */
    static final long RATIO_FLOOR = 32L << 20;
    /** Linux gives up after 40 links in one lookup (ELOOP); so do we. */
    private static final int MAX_LINK_DEPTH = 40;

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    /**
     * How entries are written.
     *
     * @param strip          leading name components dropped (GitHub's top directory)
     * @param rootedLinks    absolute link targets are kept and mean "from the tree's root", as in
     *                       a root filesystem ({@code /bin/sh -> /bin/busybox}); otherwise refused.
     *                       Either way no link may lead out of the tree, and nothing kraft does
     *                       follows a link in a tree written so
     * @param keepPermissions files and directories keep their {@code rwx} bits; otherwise files
     *                       are 0644 or 0755 and directories 0755
     * @param whiteouts      {@code .wh.NAME} entries remove {@code NAME} and {@code .wh..wh..opq}
     *                       empties its directory, as OCI layers mean them
     */
    public record Options(
            int strip, SafeUnpacker.Limits limits, boolean rootedLinks, boolean keepPermissions, boolean whiteouts) {
        /** A source archive: {@code strip} top directories dropped, absolute links refused, modes normalised. */
        public static Options sources(int strip, SafeUnpacker.Limits limits) {
            return new Options(strip, limits, false, false, false);
        }

        /** An OCI layer onto a root filesystem: names as they are, absolute links rooted, modes kept, whiteouts applied. */
        public static Options rootFilesystem(SafeUnpacker.Limits limits) {
            return new Options(0, limits, true, true, true);
        }
    }

    private final Path root;
    private final Options options;
    /** What the tree is, for messages: an archive, a repository. */
    private final String what;

    private long entries;
    private long bytes;
    private long archiveBytes;

    /** A tree onto the existing directory {@code root}. */
    public SafeTree(Path root, Options options) throws IOException {
        this(root, options, "archive");
    }

    private SafeTree(Path root, Options options, String what) throws IOException {
        this.root = root.toRealPath();
        this.options = options;
        this.what = what;
    }

    /**
     * Refuses a repository checked out into {@code root} (a git clone) whose symbolic links lead
     * out of it, as an archive's would be: git writes links as committed, absolute ones included.
     */
    public static void judgeCheckout(Path root) throws IOException {
        new SafeTree(root, Options.sources(0, SafeUnpacker.Limits.SOURCES), "repository").finish();
    }

    Options options() {
        return options;
    }

    /** The size of the archive being unpacked, when it is known: what {@link SafeUnpacker.Limits#maxRatio} measures against. */
    void measureAgainst(long archiveSize) {
        this.archiveBytes = archiveSize;
    }

    public void directory(String name, int mode) throws IOException {
        Optional<Path> target = place(name);
        if (target.isPresent() && !Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)) {
            clear(name, target.get());
            Files.createDirectory(target.get());
        }
        if (target.isPresent()) {
            Files.setPosixFilePermissions(
                    target.get(), options.keepPermissions() ? permissions(mode | 0700) : DIRECTORY);
        }
    }

    public void file(String name, InputStream content, int mode) throws IOException {
        Optional<Path> target = place(name);
        if (target.isEmpty()) {
            return;
        }
        clear(name, target.get());
        try (OutputStream out = Files.newOutputStream(
                target.get(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) >= 0; ) {
                bytes += n;
                if (bytes > options.limits().maxBytes()) {
                    throw SafeUnpacker.tooLarge(
                            name, "it unpacks to more than " + options.limits().maxBytes() + " bytes");
                }
                if (archiveBytes > 0
                        && bytes > RATIO_FLOOR
                        && bytes > archiveBytes * options.limits().maxRatio()) {
                    throw SafeUnpacker.tooLarge(
                            name,
                            "it unpacks to more than " + options.limits().maxRatio()
                                    + " times its size (a compression bomb?)");
                }
                out.write(buffer, 0, n);
            }
        }
        boolean executable = (mode & 0111) != 0;
        Files.setPosixFilePermissions(
                target.get(),
                options.keepPermissions()
                        ? permissions(mode | 0600)
                        : PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }

    public void symlink(String name, String linkTarget) throws IOException {
        Optional<Path> target = place(name);
        if (target.isEmpty()) {
            return;
        }
        if (linkTarget.isEmpty()) {
            throw refused(name, "a symbolic link to nothing");
        }
        if (linkTarget.startsWith("/") && !options.rootedLinks()) {
            throw refused(name, "a symbolic link to the absolute path " + linkTarget);
        }
        clear(name, target.get());
        judge(name, target.get(), linkTarget);
        SymbolicLinks.create(target.get(), linkTarget);
    }

    public void hardlink(String name, String linkTarget) throws IOException {
        Optional<Path> target = place(name);
        Optional<Path> existing = relative(linkTarget, name).map(root::resolve);
        if (target.isEmpty()) {
            return;
        }
        if (existing.isEmpty()
                || !Files.isRegularFile(existing.get(), LinkOption.NOFOLLOW_LINKS)
                || throughLink(existing.get())) {
            throw refused(name, "a hard link to " + linkTarget + ", which is no file unpacked before it");
        }
        clear(name, target.get());
        Files.createLink(target.get(), existing.get());
    }

    /**
     * Removes an entry and everything under it (a root filesystem layer's whiteout), without
     * following a link: the link goes, never what it points to. Nothing there is not an error.
     */
    public void remove(String name) throws IOException {
        Optional<Path> target = existingPlace(name);
        if (target.isPresent() && !target.get().equals(root)) {
            MoreFiles.deleteTree(target.get());
        }
    }

    /** Empties a directory, keeping it (a layer's opaque whiteout); nothing there is not an error. */
    public void removeChildren(String name) throws IOException {
        Optional<Path> dir = existingPlace(name);
        if (dir.isEmpty() || !Files.isDirectory(dir.get(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var children = Files.list(dir.get())) {
            for (Path child : children.toList()) {
                MoreFiles.deleteTree(child);
            }
        }
    }

    /** Judges every symbolic link of the tree as it now stands on disk; call it before using the tree. */
    public void finish() throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    judge(
                            root.relativize(file).toString(),
                            file,
                            Files.readSymbolicLink(file).toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Refuses a link at {@code link} to {@code linkTarget} that leads out of the tree or loops. */
    private void judge(String name, Path link, String linkTarget) throws IOException {
        Deque<String> at = new ArrayDeque<>();
        root.relativize(link.getParent()).forEach(part -> {
            if (!part.toString().isEmpty()) {
                at.addLast(part.toString());
            }
        });
        if (!follow(name, at, linkTarget, 0)) {
            throw refused(name, "a symbolic link to " + linkTarget + ", which leads outside the " + what);
        }
    }

    /**
     * Walks {@code linkTarget} from the directory {@code at} (its components below the root),
     * through the links on disk; false as soon as it climbs above the root. Components that do
     * not exist yet count as directories: if one appears later, {@link #finish} looks again.
     */
    private boolean follow(String name, Deque<String> at, String linkTarget, int depth) throws IOException {
        if (depth > MAX_LINK_DEPTH) {
            throw refused(name, "a symbolic link through more than " + MAX_LINK_DEPTH + " others (a loop)");
        }
        if (linkTarget.startsWith("/")) {
            if (!options.rootedLinks()) {
                return false;
            }
            at.clear();
        }
        for (String part : linkTarget.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.isEmpty()) {
                    return false;
                }
                at.removeLast();
                continue;
            }
            at.addLast(part);
            Path here = root.resolve(String.join("/", at));
            if (Files.isSymbolicLink(here)) {
                at.removeLast();
                if (!follow(name, at, Files.readSymbolicLink(here).toString(), depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Where an entry goes after stripping, with its parents made; empty for entries stripping removes. */
    private Optional<Path> place(String name) throws IOException {
        if (++entries > options.limits().maxEntries()) {
            throw SafeUnpacker.tooLarge(
                    name, "it has more than " + options.limits().maxEntries() + " entries");
        }
        Optional<Path> target = relative(name, name).map(root::resolve);
        if (target.isPresent()) {
            Path parent = root;
            for (Path part : root.relativize(
                    target.get().getParent() == null ? root : target.get().getParent())) {
                parent = parent.resolve(part);
                if (Files.isSymbolicLink(parent)) {
                    throw refused(name, "to be written through the symbolic link " + root.relativize(parent));
                }
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(parent);
                }
            }
        }
        return target;
    }

    /** Like {@link #place}, for an entry that should exist: nothing is made, and no parent may be a link. */
    private Optional<Path> existingPlace(String name) {
        Optional<Path> target = relative(name, name).map(root::resolve);
        if (target.isPresent() && throughLink(target.get())) {
            throw refused(name, "to be removed through a symbolic link");
        }
        return target;
    }

    /** The name below the root after stripping; refuses names that climb or start at /. */
    private Optional<Path> relative(String name, String entry) {
        if (name.startsWith("/")) {
            throw refused(entry, "an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw refused(entry, "a path with \"..\"");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        int strip = options.strip();
        return parts.size() <= strip
                ? Optional.empty()
                : Optional.of(Path.of("", parts.subList(strip, parts.size()).toArray(String[]::new)));
    }

    /** Whether a directory between the root and path is a symbolic link. */
    private boolean throughLink(Path path) {
        for (Path p = path.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private KraftException refused(String name, String why) {
        return SafeUnpacker.refused(what, name, why);
    }

    /** A later entry replaces an earlier file or link of its name, as tar does, never a directory. */
    private void clear(String name, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name, "to replace a directory");
        }
        Files.deleteIfExists(target);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }
}
