package dev.kraft.builder;

import dev.kraft.builder.kconfig.Defconfig;
import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.support.Digests;
import dev.kraft.support.SealedTree;
import java.io.File;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a target's whole build is made from, by content, so that a build of another project
 * with the same inputs can be reused ({@link ReusedBuilds}): the make calls and their
 * environment, the merged defconfig and any {@code .config} already there, every component's
 * identity and the content of every file of its tree (a placed tree can be edited after
 * placement), the app's tree, files the configuration names by path (an embedded initrd), the upstream archives the
 * cache would place, and the toolchain (each make, compiler and binutils program on PATH, by its
 * real path, size and modification time). Anything that differs, a kconfig value or one byte
 * of a library, gives another key.
 *
 * <p>A file's content is its sha256. Reading every byte of a whole Unikraft tree costs a first
 * build a third of a second, so a file kraft placed from its cache is not read while its inode
 * (size, modification time, mode) is still what the placement's seal says, the trust make
 * itself puts in a file ({@link ComponentPlacer#placedSeal}): the seal holds the sha256 the
 * cache vouched for. A file edited, added or without a seal (a local {@code source:}, the app)
 * is read. Either way the key is the same.
 *
 * <p>Where the kernel cannot depend on the project's directory, it is written as a placeholder
 * in every value, so two copies of a project at different paths have the same key: when ccache
 * compiles (it makes every path inside the project relative, so the objects of two copies are
 * the same; that is what a second project gets from it anyway) and no source names the paths
 * {@code config.h} defines ({@link PathMacroScan}). Otherwise the directory is part of the key,
 * and only a build in the same place is reused (after {@code kraft clean --proper}).
 *
 * <p>Only a target whose build directory holds no build yet has a key: reuse replaces a first
 * build, never an incremental one, whose directory may hold anything.
 */
final class ReuseKey {
    /** The layout of the key's inputs; a kraft that keys differently writes another. */
    private static final String FORMAT = "kraft reuse 2";

    static final String ROOT = "@PROJECT@";
    /** The programs a Unikraft build runs whose version changes what it writes. */
    private static final List<String> TOOLS =
            List.of("make", "gcc", "cc", "g++", "cpp", "ld", "as", "ar", "nm", "objcopy", "strip", "ccache");

    private ReuseKey() {}

    /**
     * The key of a target about to be built for the first time, or empty: it has a build already,
     * or a path it builds with lies outside the project's directory, where no placeholder can
     * stand for it.
     *
     * @param environment what make runs with: the user's environment and kraft's variables
     * @param archives    the upstream archives the cache holds for the project's libraries
     * @param movable     whether the kernel is the same wherever the project is (see above)
     */
    static Optional<String> of(
            Workdir workdir, TargetPlan plan, Map<String, String> environment, List<String> archives, boolean movable)
            throws IOException {
        List<Path> trees = new ArrayList<>();
        for (ComponentSpec component : workdir.project().components()) {
            trees.add(workdir.dirOf(component));
        }
        for (Path path : List.of(plan.outdir(), plan.configFile(), workdir.appDir())) {
            trees.add(path);
        }
        if (trees.stream().anyMatch(path -> !path.startsWith(workdir.root())) || !unbuilt(plan.outdir())) {
            return Optional.empty();
        }
        Inputs inputs = new Inputs(workdir.root().toString(), movable);
        inputs.line(FORMAT);
        inputs.line(String.join(" ", plan.configure().argv()));
        inputs.line(String.join(" ", plan.build().argv()));
        inputs.line(Defconfig.write(plan.kconfig()));
        new TreeMap<>(environment).forEach((name, value) -> {
            if (!BuildStamp.VOLATILE.contains(name)) {
                inputs.line(name + "=" + value);
            }
        });
        inputs.line(".config " + (Files.isRegularFile(plan.configFile()) ? read(plan.configFile()) : "none"));
        for (ComponentSpec component : workdir.project().components()) {
            Path dir = workdir.dirOf(component);
            inputs.line(component.type() + " " + component.name() + " " + dir + " "
                    + ComponentPlacer.placedIdentity(workdir, component).orElse("local"));
            inputs.tree(dir, Set.of(dir.resolve(".git")), ComponentPlacer.placedSeal(workdir, component));
        }
        Path app = workdir.appDir();
        inputs.line("app " + app);
        inputs.tree(
                app,
                Set.of(app.resolve(".git"), app.resolve(".unikraft"), workdir.buildDir()),
                SealedTree.Listing.none());
        for (String value : plan.kconfig().asMap().values()) {
            if (value.startsWith("/") && !value.contains("\0") && Files.isRegularFile(Path.of(value))) {
                inputs.line("named " + value + " " + Digests.sha256(Path.of(value)));
            }
        }
        archives.forEach(inputs::line);
        toolchain(environment).forEach(inputs::line);
        return Optional.of(inputs.digest());
    }

    /** Nothing of a build in the outdir: only kraft's own files and a root filesystem built before make. */
    static boolean unbuilt(Path outdir) throws IOException {
        if (!Files.isDirectory(outdir)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outdir)) {
            for (Path entry : entries) {
                if (!kraftOwn(entry)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** kraft's state ({@code .kraft}) and root filesystems ({@code initramfs-<arch>.cpio}) in a build dir: not make's. */
    static boolean kraftOwn(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals(".kraft") || name.startsWith(".reuse-") || name.endsWith(".cpio");
    }

    /** Every program of {@link #TOOLS} on make's PATH (each match: ccache's masquerade and the compiler behind it). */
    private static List<String> toolchain(Map<String, String> environment) {
        List<String> found = new ArrayList<>();
        String prefix = environment.getOrDefault("CROSS_COMPILE", "");
        for (String dir : environment.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String tool : TOOLS) {
                for (String name : prefix.isEmpty() ? List.of(tool) : List.of(tool, prefix + tool)) {
                    Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
                    try {
                        Path real = candidate.toRealPath();
                        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
                        found.add("tool " + candidate + " " + real + " " + attrs.size() + " "
                                + attrs.lastModifiedTime().toMillis());
                    } catch (IOException absent) {
                        // not in this directory
                    }
                }
            }
        }
        return found;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** A digest of lines and trees; with the project's directory replaced by {@link #ROOT} in every line when it is movable. */
    private static final class Inputs {
        private final MessageDigest sha = Digests.sha256();
        private final String root;
        private final boolean movable;

        Inputs(String root, boolean movable) {
            this.root = root;
            this.movable = movable;
            line(movable ? "movable" : "at " + root);
        }

        void line(String text) {
            sha.update((movable ? text.replace(root, ROOT) : text).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }

        /**
         * Each entry below {@code tree} but {@code skipped} ones and the targets' {@code .config.*}
         * files, by name and content (what {@code sealed} vouches for is not read).
         */
        void tree(Path tree, Set<Path> skipped, SealedTree.Listing sealed) throws IOException {
            if (!Files.isDirectory(tree)) {
                line("no tree");
                return;
            }
            TreeMap<String, Path> entries = new TreeMap<>();
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return skipped.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!(file.getParent().equals(tree) && (name.equals(".config") || name.startsWith(".config.")))) {
                        entries.put(tree.relativize(file).toString(), file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                Path file = entry.getValue();
                if (Files.isSymbolicLink(file)) {
                    line("L " + entry.getKey() + " " + Files.readSymbolicLink(file));
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    SealedTree.Content content = sealed.content(entry.getKey(), file);
                    line((content.executable() ? "X " : "F ") + entry.getKey() + " " + content.sha256());
                } else {
                    line("O " + entry.getKey());
                }
            }
        }

        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
