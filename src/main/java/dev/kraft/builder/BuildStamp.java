package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.ComponentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What make saw the last time it built a target successfully, so that a build in which nothing
 * changed skips make: on a real Unikraft tree make takes one to four seconds only to read its
 * makefiles and find nothing to do. The stamp is a digest of every file make can read, by size,
 * modification time and kind (make itself decides by modification time): the core's, each
 * library's and the app's trees, the sources make fetched into the outdir, the target's
 * {@code .config} and every file its options name (an embedded initrd), the make call (with the
 * text of the files its variables are read from) and its environment, and the kernel make wrote. Any difference, even a file touched, and make runs.
 *
 * <p>A file of the source trees modified while make ran may not be in the kernel, so a stamp
 * taken after such a build is not kept: the next build runs make once more ({@link #store}).
 * "While" is read from the file system's own clock, as git reads racy entries of its index: the
 * time a file written as make starts gets ({@link #clock}), in the file system's granularity.
 */
final class BuildStamp {
    /**
     * Variables of the environment that differ between two runs of the same shell without meaning
     * anything to make; KRAFT_NO_SERVER only chooses whether a build server runs the build.
     */
    static final Set<String> VOLATILE = Set.of("_", "OLDPWD", "SHLVL", "KRAFT_NO_SERVER");

    private final String digest;
    private final Instant newestSource;

    private BuildStamp(String digest, Instant newestSource) {
        this.digest = digest;
        this.newestSource = newestSource;
    }

    /** The stamp of a target as it is now, made with this environment. */
    static BuildStamp take(Workdir workdir, TargetPlan plan, Map<String, String> environment) throws IOException {
        Walk walk = new Walk();
        walk.text(String.join("\0", plan.build().argv()));
        for (Path listed : plan.build().fileVariables().values()) {
            walk.text(Files.isRegularFile(listed) ? Files.readString(listed, StandardCharsets.UTF_8) : "");
        }
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!VOLATILE.contains(name)) {
                walk.text(name + "=" + value);
            }
        });
        for (Path tree : sourceTrees(workdir)) {
            walk.tree(tree, Set.of(), true);
        }
        Path app = workdir.appDir();
        walk.tree(app, Set.of(app.resolve(".git"), app.resolve(".unikraft"), workdir.buildDir()), true);
        for (Path origin : fetchedTrees(plan.outdir())) {
            walk.tree(origin, Set.of(), false);
        }
        walk.file(plan.configFile());
        for (Path named : namedFiles(plan.configFile())) {
            walk.file(named);
        }
        walk.file(plan.madeKernel());
        walk.file(plan.madeKernel().resolveSibling(plan.madeKernel().getFileName() + ".dbg"));
        return new BuildStamp(walk.digest(), walk.newest);
    }

    /** Whether the stamp stored in {@code file} is this one. */
    boolean matches(Path file) {
        return Fingerprint.matches(file, digest);
    }

    /**
     * The file system's time now: the modification time it gives {@code probe}, written now. A
     * source modified at that time or later may have been read before the change.
     */
    static Instant clock(Path probe) throws IOException {
        Files.write(probe, new byte[0]);
        return Files.getLastModifiedTime(probe).toInstant();
    }

    /**
     * Keeps the stamp of a build whose make started at {@code makeStarted} ({@link #clock}),
     * unless a source changed since; answers whether it kept it.
     */
    boolean store(Path file, Instant makeStarted) throws IOException {
        if (!newestSource.isBefore(makeStarted)) {
            Fingerprint.forget(file);
            return false;
        }
        Fingerprint.store(file, digest);
        return true;
    }

    /** The component trees, each once: a local library inside another tree (./libs/x in the app) is read with it. */
    private static List<Path> sourceTrees(Workdir workdir) {
        List<Path> trees = new ArrayList<>();
        Path app = workdir.appDir().toAbsolutePath().normalize();
        Path unikraftDir = workdir.unikraftDir().toAbsolutePath().normalize();
        for (ComponentSpec component : workdir.project().components()) {
            Path dir = workdir.dirOf(component).toAbsolutePath().normalize();
            boolean inApp = dir.startsWith(app)
                    && !dir.startsWith(unikraftDir)
                    && !dir.startsWith(workdir.buildDir().toAbsolutePath().normalize())
                    && !dir.startsWith(app.resolve(".git"));
            if (!inApp && !dir.equals(app) && !trees.contains(dir)) {
                trees.add(dir);
            }
        }
        return trees;
    }

    /** Unikraft's fetch rule unpacks a library's upstream sources into {@code <outdir>/<lib>/origin}. */
    private static List<Path> fetchedTrees(Path outdir) throws IOException {
        List<Path> origins = new ArrayList<>();
        if (Files.isDirectory(outdir)) {
            try (DirectoryStream<Path> libs = Files.newDirectoryStream(outdir, Files::isDirectory)) {
                for (Path lib : libs) {
                    if (Files.isDirectory(lib.resolve("origin"))) {
                        origins.add(lib.resolve("origin"));
                    }
                }
            }
        }
        origins.sort(null);
        return origins;
    }

    /** Files the configuration names by absolute path (an embedded initrd's archive): make reads them too. */
    private static List<Path> namedFiles(Path configFile) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isRegularFile(configFile)) {
            return files;
        }
        for (String value : Defconfig.read(Files.readString(configFile, StandardCharsets.UTF_8))
                .asMap()
                .values()) {
            if (value.startsWith("/") && !value.contains("\0")) {
                Path path = Path.of(value);
                if (Files.isRegularFile(path)) {
                    files.add(path);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The digest of what a walk saw, and the newest modification among the sources a user edits. */
    private static final class Walk {
        private final MessageDigest sha = sha256();
        private Instant newest = Instant.EPOCH;

        void text(String text) {
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }

        void file(Path file) throws IOException {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException missing) {
                text("missing " + file);
                return;
            }
            entry(file.toString(), file, attrs, false);
        }

        /** Every entry below {@code tree} except those {@code skipped}; {@code edited}: its files count for {@link #store}. */
        void tree(Path tree, Set<Path> skipped, boolean edited) throws IOException {
            text("tree " + tree);
            if (!Files.isDirectory(tree)) {
                return;
            }
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return skipped.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!(file.getParent().equals(tree)
                            && isConfigFile(file.getFileName().toString()))) {
                        entry(tree.relativize(file).toString(), file, attrs, edited);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    text("unreadable " + file);
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        private void entry(String name, Path file, BasicFileAttributes attrs, boolean edited) throws IOException {
            String kind =
                    attrs.isSymbolicLink() ? "L" + Files.readSymbolicLink(file) : attrs.isRegularFile() ? "F" : "O";
            text(name + "\0" + kind + "\0" + attrs.size() + "\0"
                    + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            Instant modified = attrs.lastModifiedTime().toInstant();
            if (edited && modified.isAfter(newest)) {
                newest = modified;
            }
        }

        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** A target's {@code .config} beside the Kraftfile is read explicitly; another target's is not this target's input. */
    private static boolean isConfigFile(String name) {
        return name.equals(".config") || name.startsWith(".config.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
