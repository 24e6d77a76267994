package dev.kraft.builder;

import dev.kraft.support.AtomicFiles;
import dev.kraft.support.MoreFiles;
import dev.kraft.support.SealedTree;
import dev.kraft.support.SymbolicLinks;
import dev.kraft.support.TreeWalk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole builds kept for other projects, each under the content key of its inputs
 * ({@link ReuseKey}): a second project with the same core, libraries, app and configuration
 * gets the first one's build directory and {@code .config} instead of running make, which on a
 * real Unikraft costs seconds even when every compilation comes from ccache (configure,
 * prepare, unpacking upstream archives, one process per object, linking).
 *
 * <p>An entry is {@code <key>/tree} ({@code out/}, the build directory as make left it, with
 * its times; {@code config}; {@code root}, the project's directory it was built in) and its
 * seal ({@link SealedTree}: each file's size, time and mode; not its sha256, which would cost a
 * first build of musl half a minute of hashing in kraft's JVM), written in a staging directory
 * and renamed into place, so a reader sees an entry whole or not at all. The build's files are
 * kept as hard links to the project's where the file system allows (a copy of musl's build
 * would write 1.5 GB), else copied, file by file; their modes stay the project's. A link shares
 * the file with the project: when the project's make later rewrites one in place (gcc and as
 * truncate an object and write it again, strip and ar copy into a file with other links), the
 * kept file changes with it, and its seal no longer matches.
 *
 * <p>A restore copies (never links) the tree into a staging directory inside the new build
 * directory, checking each file against the seal before and after it is copied (a write while
 * it is copied is caught), and drops the whole entry at the first mismatch: the build then
 * runs make. It writes the new project's directory for the old one in every text file
 * (dependency lists, command files, config.h) and symbolic link; gives the files new times in
 * their old order, all just before the key's inputs were read, so that make finds each output
 * newer than the project's sources and headers (and older than one edited since) and older than
 * what was made from it; and only then moves them into place. Objects keep the first project's
 * paths in their debug info, as ccache's shared objects do.
 *
 * <p>The store holds at most {@link #BUDGET} bytes, counting each entry's whole size even while
 * its files are still shared with the project it came from (that project may be deleted at any
 * time, and then the entry holds them alone): after each store the entries used least recently
 * go, the newest always stays.
 */
public final class ReusedBuilds {
    /** What the entries may take together. */
    static final long BUDGET = 4L << 30;

    private static final String TREE = "tree";
    private static final String OUT = "out";
    private static final String CONFIG = "config";
    private static final String ROOT = "root";
    private static final String SIZE = "size";
    /** Enough of a file to tell an object (an ELF header holds zero bytes) from text. */
    private static final int SNIFF = 8192;

    private final Path root;
    private final Linker linker;

    public ReusedBuilds(Path root) {
        this(root, Files::createLink);
    }

    /** With {@code linker} making the hard links that keep a build's files (a test's may fail). */
    ReusedBuilds(Path root, Linker linker) {
        this.root = root;
        this.linker = linker;
    }

    /** Makes {@code link} another name of {@code existing}, as {@link Files#createLink}. */
    interface Linker {
        void link(Path link, Path existing) throws IOException;
    }

    /** Keeps a finished build under its key; answers whether it stored it (not already there). */
    boolean store(String key, Workdir workdir, TargetPlan plan) throws IOException {
        Path target = root.resolve(key);
        if (Files.isDirectory(target)) {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return false;
        }
        Files.createDirectories(root);
        Path staging = MoreFiles.createStagingDirectory(root, ".staging-");
        try {
            Path tree = staging.resolve(TREE);
            long size = keepBuild(plan.outdir(), tree.resolve(OUT));
            Files.copy(plan.configFile(), tree.resolve(CONFIG), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(tree.resolve(ROOT), workdir.root().toString());
            SealedTree.seal(tree, SealedTree.sealOf(tree), false);
            Files.writeString(staging.resolve(SIZE), Long.toString(size));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.isDirectory(target)) {
                    return false; // another project stored it first
                }
                throw e;
            }
        } finally {
            MoreFiles.deleteTree(staging);
        }
        evict(target);
        return true;
    }

    /**
     * Puts the build kept under {@code key} into the target's build directory and its
     * {@code .config} beside the Kraftfile; answers false when there is none. An entry that no
     * longer matches its seal is deleted (and false answered).
     *
     * @param inputsRead when the key's inputs were read (the file system's clock): the files get
     *     times just before it, so a source edited since is newer than all of them
     */
    boolean restore(String key, Workdir workdir, TargetPlan plan, Instant inputsRead) throws IOException {
        Path entry = root.resolve(key);
        Path tree = entry.resolve(TREE);
        if (!Files.isDirectory(tree)) {
            return false;
        }
        Path outdir = plan.outdir();
        Files.createDirectories(outdir);
        Path staging = MoreFiles.createStagingDirectory(outdir, ".reuse-");
        try {
            Path copy = staging.resolve(TREE);
            try {
                SealedTree.copy(tree, copy);
            } catch (SealedTree.Broken broken) {
                remove(entry);
                return false;
            }
            String from = Files.readString(copy.resolve(ROOT), StandardCharsets.UTF_8);
            Rewrite rewrite = new Rewrite(from, workdir.root().toString());
            Map<String, FileTime> times = new TreeMap<>();
            TreeWalk.walk(tree.resolve(OUT), ReuseKey::kraftOwn, (relative, file, attrs) -> {
                if (!attrs.isDirectory()) {
                    times.put(OUT + "/" + relative, attrs.lastModifiedTime());
                }
            });
            times.put(CONFIG, Files.getLastModifiedTime(tree.resolve(CONFIG)));
            for (String relative : times.keySet()) {
                rewrite.apply(copy.resolve(relative));
            }
            retime(times, copy, inputsRead);
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> made = Files.newDirectoryStream(copy.resolve(OUT))) {
                made.forEach(children::add);
            }
            for (Path child : children) {
                if (Files.exists(outdir.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
            }
            for (Path child : children) {
                Files.move(child, outdir.resolve(child.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
            AtomicFiles.moveAtomically(copy.resolve(CONFIG), plan.configFile());
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
            return true;
        } finally {
            MoreFiles.deleteTree(staging);
        }
    }

    /**
     * Keeps a build directory but kraft's own files, with times and links as they are: each
     * file hard-linked, or copied when it cannot be (another file system, a file system without
     * links, any other refusal); answers the bytes kept.
     */
    private long keepBuild(Path outdir, Path to) throws IOException {
        long[] size = {0};
        Files.createDirectories(to);
        TreeWalk.walk(outdir, ReuseKey::kraftOwn, (relative, file, attrs) -> {
            Path target = to.resolve(relative);
            if (attrs.isSymbolicLink()) {
                SymbolicLinks.create(target, SymbolicLinks.read(file));
            } else if (attrs.isDirectory()) {
                Files.createDirectory(target);
            } else {
                try {
                    linker.link(target, file);
                } catch (IOException | UnsupportedOperationException | SecurityException refused) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                size[0] += attrs.size();
            }
        });
        return size[0];
    }

    /**
     * New times for the restored files in the order of their old ones, a microsecond apart and
     * ending just before {@code end}: every output newer than the sources placed before, each in
     * make's order (config.h before the objects, the objects before the kernel).
     */
    private static void retime(Map<String, FileTime> times, Path copy, Instant end) throws IOException {
        Map<FileTime, Integer> rank = new HashMap<>();
        for (FileTime time : new TreeSet<>(times.values())) {
            rank.put(time, rank.size());
        }
        for (Map.Entry<String, FileTime> file : times.entrySet()) {
            Instant time = end.minus(rank.size() - rank.get(file.getValue()), ChronoUnit.MICROS);
            Path path = copy.resolve(file.getKey());
            if (!Files.isSymbolicLink(path)) {
                Files.setLastModifiedTime(path, FileTime.from(time));
            }
        }
    }

    /**
     * Drops entries used least recently until the rest fit the budget ({@code kept} stays), and
     * what processes killed while storing or removing left a day ago or more.
     */
    private void evict(Path kept) throws IOException {
        List<Path> entries = new ArrayList<>();
        FileTime dayAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(root)) {
            for (Path entry : all) {
                if (!entry.getFileName().toString().startsWith(".")) {
                    entries.add(entry);
                } else if (lastUse(entry).compareTo(dayAgo) < 0) {
                    MoreFiles.deleteTree(entry);
                }
            }
        }
        entries.sort(Comparator.comparing((Path p) -> lastUse(p)).reversed());
        long total = 0;
        for (Path entry : entries) {
            total += size(entry);
            if (total > BUDGET && !entry.equals(kept)) {
                remove(entry);
            }
        }
    }

    /** Renamed out of sight first, so no reader sees it half deleted. */
    private void remove(Path entry) throws IOException {
        Path trash = root.resolve(
                ".trash-" + entry.getFileName() + "-" + ProcessHandle.current().pid());
        try {
            Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException gone) {
            return;
        }
        MoreFiles.deleteTree(trash);
    }

    private static FileTime lastUse(Path entry) {
        try {
            return Files.getLastModifiedTime(entry);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long size(Path entry) {
        try {
            return Long.parseLong(Files.readString(entry.resolve(SIZE)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The old project's directory replaced by the new one in a restored text file's content (a
     * file whose first bytes hold no zero) and a symbolic link's target, where it is a whole path
     * (not the start of a longer name).
     */
    private static final class Rewrite {
        private final Pattern old;
        private final String replacement;

        Rewrite(String from, String to) {
            old = Pattern.compile(Pattern.quote(latin1(from)) + "(?![A-Za-z0-9._+-])");
            replacement = Matcher.quoteReplacement(latin1(to));
        }

        void apply(Path file) throws IOException {
            if (Files.isSymbolicLink(file)) {
                String link = SymbolicLinks.read(file);
                String moved = replace(link);
                if (!moved.equals(link)) {
                    Files.delete(file);
                    SymbolicLinks.create(file, moved);
                }
                return;
            }
            if (!text(file)) {
                return;
            }
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            String moved = old.matcher(content).replaceAll(replacement);
            if (!moved.equals(content)) {
                Files.write(file, moved.getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        private String replace(String link) {
            String moved = old.matcher(latin1(link)).replaceAll(replacement);
            return new String(moved.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        private static boolean text(Path file) throws IOException {
            byte[] head = new byte[SNIFF];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, SNIFF);
                for (int i = 0; i < n; i++) {
                    if (head[i] == 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static String latin1(String text) {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
    }
}
