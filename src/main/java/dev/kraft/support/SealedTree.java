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
     * As {@link #seal(Path, Path)}, without each file's sha256 when {@code digests} is false: a
     * tree only ever copied ({@link #copy} checks inodes) need not be read once more, which for
     * a build directory of 1.5 GB takes kraft's JVM half a minute. {@link #verify} refuses such
     * a tree.
     */
    public static void seal(Path tree, Path seal, boolean digests) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        TreeWalk.walk(tree, (relative, file, attrs) -> {
            String kind = kind(file, attrs);
            String data = switch (kind) {
                case LINK -> SymbolicLinks.read(file);
                case DIRECTORY -> "";
                default -> {
                    Files.setPosixFilePermissions(
                            file, PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "r-xr-xr-x" : "r--r--r--"));
                    yield (digests ? Digests.sha256(file) : UNREAD) + " " + stat(file);
                }
            };
            entries.put(relative, kind + "\t" + data);
        });
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
        check(tree, null);
    }

    /**
     * Copies the tree into {@code target} (absent or empty), each file checked against the seal
     * by its inode (size, times) before it is copied; copies are the user's own (0644 and 0755).
     * A mismatch leaves a partial copy, which the caller, copying into a staging directory, deletes.
     */
    public static void copy(Path tree, Path target) throws IOException {
        Files.createDirectories(target);
        check(tree, target);
    }

    private static void check(Path tree, Path target) throws IOException {
        Map<String, String> sealed = read(tree);
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
                    boolean same = to == null
                            ? Digests.sha256(file).equals(data.substring(0, space))
                            : stat(file).equals(data.substring(space + 1));
                    if (!same) {
                        throw new Broken(relative + " changed");
                    }
                    if (to != null) {
                        Files.copy(file, to);
                        Files.setPosixFilePermissions(
                                to,
                                PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        });
        if (!sealed.isEmpty()) {
            throw new Broken(sealed.keySet().iterator().next() + " is missing");
        }
    }

    /** The seal as path → "kind\tdata". */
    private static Map<String, String> read(Path tree) throws IOException {
        Path seal = sealOf(tree);
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

    /** Size, modification time and mode: what a write to the file, or a chmod, changes. */
    private static String stat(Path file) throws IOException {
        Map<String, Object> stat = Files.readAttributes(file, STAT, LinkOption.NOFOLLOW_LINKS);
        return stat.get("size") + " " + nanos(stat.get("lastModifiedTime")) + " "
                + Integer.toOctalString((Integer) stat.get("mode"));
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
