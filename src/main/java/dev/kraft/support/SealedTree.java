package dev.kraft.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A cached tree and its seal, written beside it ({@code <tree>.seal}) before the tree is
 * published: every entry's kind, every file's sha256, size, modification time and mode. The
 * tree's files are made read-only, and projects get copies, never links: an edit in a project,
 * even by root, for whom modes mean nothing, cannot reach the cache or another project.
 *
 * <p>Two checks. {@link #copy} (every placement) compares each file's size, modification time
 * and mode with the seal, as make and rsync decide what changed: an edit (an editor, a build, a
 * project an older kraft placed by hard links) changes them, and the check reads no file. (Not
 * the change time: any hard link to the file, a backup's say, changes that.) {@link #verify}
 * ({@code kraft pkg pull}) reads every byte against its sha256. A tree that no longer matches
 * its seal, or has none, throws {@link Broken}, and its owner fetches it again.
 *
 * <p>A copy is sealed too, as it was copied ({@code <copy>.seal}): the sha256 the tree's seal
 * vouched for, the copy's own size, time and mode, and its inode number and change time. While a
 * copied file's inode still says what its seal says, its sha256 need not be read again
 * ({@link Listing}). The copy's seal lies in the project, which may have come with one: size,
 * modification time and mode can all be set to match a forged seal (tar restores them), but the
 * change time only the kernel sets, to when the file was created or last changed, so a seal kraft
 * did not write for these very files vouches for nothing.
 */
public final class SealedTree {
    private static final String FILE = "F";
    private static final String EXECUTABLE = "X";
    private static final String LINK = "L";
    private static final String DIRECTORY = "D";
    /** What a file's inode says of its content: size, modification time (in nanoseconds), mode. */
    private static final String STAT = "unix:size,lastModifiedTime,mode";
    /** The digest of a file a seal made without reading it: matches no sha256. */
    private static final String UNREAD = "-";

    private SealedTree() {}

    /** The tree does not match its seal; the message says how. An IOException, so that it leaves a tree walk as it is. */
    public static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;

        Broken(String reason) {
            super(reason);
        }
    }

    /** Where a tree's seal is: beside it, {@code <tree>.seal}. */
    public static Path sealOf(Path tree) {
        return tree.resolveSibling(tree.getFileName() + ".seal");
    }

    /** Seals a finished tree: makes its files read-only, then records what it holds in {@code seal}. */
    public static void seal(Path tree, Path seal) throws IOException {
        seal(tree, seal, true);
    }

    /**
     * As {@link #seal(Path, Path)} when {@code digests} is true. When false, the tree is sealed
     * as it is, its files neither read (a tree only ever copied, {@link #copy} checks inodes,
     * need not be read once more, which for a build directory of 1.5 GB takes kraft's JVM half
     * a minute) nor made read-only (they may be hard links to a project's files, whose modes are
     * the project's). {@link #verify} refuses such a tree.
     */
    public static void seal(Path tree, Path seal, boolean digests) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        TreeWalk.walk(tree, (relative, file, attrs) -> {
            String kind = kind(file, attrs);
            String data = switch (kind) {
                case LINK -> SymbolicLinks.read(file);
                case DIRECTORY -> "";
                default -> {
                    if (!digests) {
                        yield UNREAD + " " + Stat.of(file).text();
                    }
                    Files.setPosixFilePermissions(
                            file, PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "r-xr-xr-x" : "r--r--r--"));
                    yield Digests.sha256(file) + " " + Stat.of(file).text();
                }
            };
            entries.put(relative, kind + "\t" + data);
        });
        write(entries, seal);
    }

    /** Writes a seal: one line per entry, "kind\tdata\tpath", in the order of the paths. */
    private static void write(Map<String, String> entries, Path seal) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getKey().contains("\n")
                    || entry.getKey().contains("\t")
                    || entry.getValue().contains("\n")) {
                throw new KraftException(
                        ExitCode.VERIFY_FAILED,
                        "unsafe tree: " + Quoted.of(entry.getKey())
                                + " has a tab or line break in its name or link; refused");
            }
            text.append(entry.getValue()).append('\t').append(entry.getKey()).append('\n');
        }
        AtomicFiles.writeString(seal, text.toString());
    }

    /** Reads every file of the tree against its sha256 in the seal. */
    public static void verify(Path tree) throws IOException {
        check(tree, null, new TreeMap<>());
    }

    /**
     * Copies the tree into {@code target} (absent or empty), each file checked against the seal
     * by its inode (size, time, mode) before it is copied and once more after, so that a write
     * to it while it was copied (a kept build's file may be a hard link that a project's make
     * rewrites in place) is caught as well; copies are the user's own (0644 and 0755), sealed as
     * copied at {@code sealOf(target)}. A mismatch leaves a partial copy, which the caller,
     * copying into a staging directory, deletes.
     */
    public static void copy(Path tree, Path target) throws IOException {
        Files.createDirectories(target);
        Map<String, String> copied = new TreeMap<>();
        check(tree, target, copied);
        write(copied, sealOf(target));
    }

    /** Checks the tree against its seal, copying each entry into {@code target} unless it is null (then reading every file). */
    private static void check(Path tree, Path target, Map<String, String> copied) throws IOException {
        Map<String, String> sealed = read(sealOf(tree));
        TreeWalk.walk(tree, (relative, file, attrs) -> {
            String expected = sealed.remove(relative);
            String kind = kind(file, attrs);
            if (expected == null || !expected.startsWith(kind + "\t")) {
                throw new Broken(relative + (expected == null ? " was added" : " changed its kind or mode"));
            }
            String data = expected.substring(2);
            Path to = target == null ? null : target.resolve(relative);
            switch (kind) {
                case DIRECTORY -> {
                    if (to != null) {
                        Files.createDirectory(to);
                    }
                }
                case LINK -> {
                    String link = SymbolicLinks.read(file);
                    if (!link.equals(data)) {
                        throw new Broken(relative + " points elsewhere");
                    }
                    if (to != null) {
                        SymbolicLinks.create(to, link);
                    }
                }
                default -> {
                    int space = data.indexOf(' ');
                    String digest = data.substring(0, space);
                    String stat = data.substring(space + 1);
                    if (to == null) {
                        if (!Digests.sha256(file).equals(digest)) {
                            throw new Broken(relative + " changed");
                        }
                        return;
                    }
                    if (!Stat.of(file).text().equals(stat)) {
                        throw new Broken(relative + " changed");
                    }
                    Files.copy(file, to);
                    if (!Stat.of(file).text().equals(stat)) {
                        throw new Broken(relative + " changed while it was copied");
                    }
                    Files.setPosixFilePermissions(
                            to, PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "rwxr-xr-x" : "rw-r--r--"));
                    data = digest + " " + Stat.of(to).asCopied(to);
                }
            }
            copied.put(relative, kind + "\t" + data);
        });
        if (!sealed.isEmpty()) {
            throw new Broken(sealed.keySet().iterator().next() + " is missing");
        }
    }

    /** A seal as path → "kind\tdata". */
    private static Map<String, String> read(Path seal) throws IOException {
        if (!Files.isRegularFile(seal)) {
            throw new Broken("it has no seal (cached by an older kraft, or not completely)");
        }
        Map<String, String> entries = new HashMap<>();
        for (String line : Files.readString(seal, StandardCharsets.UTF_8).split("\n")) {
            int last = line.lastIndexOf('\t');
            if (last > 0) {
                entries.put(line.substring(last + 1), line.substring(0, last));
            }
        }
        return entries;
    }

    /** A regular file's content: whether its owner may run it, and its sha256. */
    public record Content(boolean executable, String sha256) {}

    /**
     * A seal read once, asked file after file for what it vouches for: the sha256 of a file whose
     * inode (size, modification time, mode) is still what the seal says, as make would trust it.
     * What it does not vouch for (a file edited, added, or sealed without its sha256; no seal at
     * all) is read.
     */
    public static final class Listing {
        private final Map<String, String> entries;

        private Listing(Map<String, String> entries) {
            this.entries = entries;
        }

        /** The seal at {@code seal}; one that is absent or cannot be read vouches for nothing. */
        public static Listing of(Path seal) {
            try {
                return new Listing(read(seal));
            } catch (IOException none) {
                return none();
            }
        }

        /** Vouches for nothing: every file is read. */
        public static Listing none() {
            return new Listing(Map.of());
        }

        /** The content of the regular file sealed as {@code relative}: from the seal while its inode matches, else read. */
        public Content content(String relative, Path file) throws IOException {
            Stat stat = Stat.of(file);
            boolean executable = (stat.mode() & 0100) != 0;
            String sealed = entries.get(relative);
            if (sealed != null && sealed.startsWith((executable ? EXECUTABLE : FILE) + "\t")) {
                String data = sealed.substring(2);
                int space = data.indexOf(' ');
                String digest = data.substring(0, space);
                if (!digest.equals(UNREAD) && data.substring(space + 1).equals(stat.asCopied(file))) {
                    return new Content(executable, digest);
                }
            }
            return new Content(executable, Digests.sha256(file));
        }
    }

    private static String kind(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            return LINK;
        }
        if (attrs.isDirectory()) {
            return DIRECTORY;
        }
        if (!attrs.isRegularFile()) {
            throw new Broken(file.getFileName() + " is neither file, directory nor link");
        }
        return ((Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0100) != 0
                ? EXECUTABLE
                : FILE;
    }

    /** Size, modification time (in nanoseconds) and mode: what a write to the file, or a chmod, changes. */
    private record Stat(long size, long nanos, int mode) {
        static Stat of(Path file) throws IOException {
            Map<String, Object> stat = Files.readAttributes(file, STAT, LinkOption.NOFOLLOW_LINKS);
            long nanos = ((FileTime) stat.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
            return new Stat((Long) stat.get("size"), nanos, (Integer) stat.get("mode"));
        }

        /** As a seal writes it. */
        String text() {
            return size + " " + nanos + " " + Integer.toOctalString(mode);
        }

        /** As a copy's seal writes it: with the inode number and change time, which no one but the kernel sets. */
        String asCopied(Path file) throws IOException {
            Map<String, Object> inode = Files.readAttributes(file, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
            return text() + " " + inode.get("ino") + " " + ((FileTime) inode.get("ctime")).to(TimeUnit.NANOSECONDS);
        }
    }
}
