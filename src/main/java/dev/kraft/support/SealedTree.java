package dev.kraft.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cached tree and its seal: every entry's kind and every file's sha256, written beside the
 * tree ({@code <tree>.seal}) before the tree is published. The tree's files are made read-only,
 * and it is used only through the seal: {@link #copy} checks every byte while it copies (the
 * reading is needed anyway), {@link #verify} checks without copying. Projects get copies, never
 * links into the cache: an edit in a project, even by root, for whom modes mean nothing, cannot
 * reach the cache or another project. A tree that no longer matches its seal, or has none,
 * throws {@link Broken}, and its owner fetches it again.
 */
public final class SealedTree {
    private static final String FILE = "F";
    private static final String EXECUTABLE = "X";
    private static final String LINK = "L";
    private static final String DIRECTORY = "D";

    private SealedTree() {
    }

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

    /** Seals a finished tree: records what it holds in {@code seal}, and makes its files read-only. */
    public static void seal(Path tree, Path seal) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        walk(tree, (relative, file, attrs) -> {
            String kind = kind(file, attrs);
            String data = switch (kind) {
                case LINK -> Files.readSymbolicLink(file).toString();
                case DIRECTORY -> "";
                default -> sha256(file, null);
            };
            if (kind.equals(FILE) || kind.equals(EXECUTABLE)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "r-xr-xr-x" : "r--r--r--"));
            }
            entries.put(relative, kind + "\t" + data);
        });
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (entry.getKey().contains("\n") || entry.getKey().contains("\t") || entry.getValue().contains("\n")) {
                throw new KraftException(ExitCode.VERIFY_FAILED, "unsafe tree: " + Quoted.of(entry.getKey())
                        + " has a tab or line break in its name or link; refused");
            }
            text.append(entry.getValue()).append('\t').append(entry.getKey()).append('\n');
        }
        AtomicFiles.writeString(seal, text.toString());
    }

    /** Checks every entry of the tree against its seal. */
    public static void verify(Path tree) throws IOException {
        check(tree, null);
    }

    /**
     * Copies the tree into {@code target} (absent or empty), checking it against its seal as it
     * goes; copies are the user's own (0644 and 0755). A mismatch leaves a partial copy, which
     * the caller, copying into a staging directory, deletes.
     */
    public static void copy(Path tree, Path target) throws IOException {
        Files.createDirectories(target);
        check(tree, target);
    }

    private static void check(Path tree, Path target) throws IOException {
        Map<String, String> sealed = read(tree);
        walk(tree, (relative, file, attrs) -> {
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
                    String link = Files.readSymbolicLink(file).toString();
                    if (!link.equals(data)) {
                        throw new Broken(relative + " points elsewhere");
                    }
                    if (to != null) {
                        Files.createSymbolicLink(to, Path.of(link));
                    }
                }
                default -> {
                    if (!sha256(file, to).equals(data)) {
                        throw new Broken(relative + " changed");
                    }
                    if (to != null) {
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(kind.equals(EXECUTABLE) ? "rwxr-xr-x" : "rw-r--r--"));
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
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE) ? EXECUTABLE : FILE;
    }

    /** The file's sha256, written to {@code copy} as it is read when there is one. */
    private static String sha256(Path file, Path copy) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = copy == null ? OutputStream.nullOutputStream()
                     : Files.newOutputStream(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private interface Visitor {
        void visit(String relative, Path file, BasicFileAttributes attrs) throws IOException;
    }

    /** Every entry below the tree (not the tree itself), parents before children, links not followed. */
    private static void walk(Path tree, Visitor visitor) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(tree)) {
                    visitor.visit(tree.relativize(dir).toString(), dir, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                visitor.visit(tree.relativize(file).toString(), file, attrs);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
