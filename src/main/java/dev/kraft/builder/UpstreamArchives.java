package dev.kraft.builder;

import dev.kraft.kraftfile.ComponentSpec;
import dev.kraft.support.AtomicFiles;
import dev.kraft.support.Digests;
import dev.kraft.support.FileLock;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The third-party archives Unikraft's {@code make fetch} downloads (musl, lwip, …), kept in
 * kraft's cache so that a second project, or an offline build, never downloads them again.
 * Unikraft's fetch rule downloads {@code <O>/<lib>/<file>} only when that file is missing, so
 * kraft places the cached file there before make runs, and stores any new archive it finds
 * there after a successful build. Content is kept by sha256 under {@code sha256/}; a pointer
 * {@code names/<lib>/<file>} names the content last seen under that name (the library's
 * {@code _ORIGIN_SHA256}, where it has one, still checks it).
 */
public final class UpstreamArchives {
    private static final List<String> ARCHIVES =
            List.of(".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar", ".zip");
    private final Path root;

    public UpstreamArchives(Path root) {
        this.root = root;
    }

    /** Puts every cached archive of the project's libraries where make's fetch rule looks in {@code outdir}. */
    public int place(Workdir workdir, Path outdir) throws IOException {
        int placed = 0;
        for (Map.Entry<String, String> archive : cached(workdir, outdir).entrySet()) {
            Path target = outdir.resolve(archive.getKey());
            Path blob = root.resolve("sha256").resolve(archive.getValue());
            if (!Files.exists(target) && Files.isRegularFile(blob)) {
                Files.createDirectories(target.getParent());
                Path temp = target.resolveSibling(target.getFileName() + ".kraft");
                Files.copy(blob, temp, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.moveAtomically(temp, target);
                placed++;
            }
        }
        return placed;
    }

    /**
     * What {@link #place} would put into {@code outdir}, by name and content ({@code lib/file
     * sha256}), in a stable order: a build made from one archive is not another's.
     */
    public List<String> identity(Workdir workdir, Path outdir) throws IOException {
        List<String> lines = new ArrayList<>();
        cached(workdir, outdir).forEach((name, hex) -> lines.add("archive " + name + " " + hex));
        return lines;
    }

    /** The archives the cache names for the project's libraries: {@code <lib>/<file>} → sha256, sorted. */
    private Map<String, String> cached(Workdir workdir, Path outdir) throws IOException {
        Map<String, String> archives = new TreeMap<>();
        for (String lib : libraryDirs(workdir, outdir)) {
            Path names = root.resolve("names").resolve(lib);
            if (Files.isDirectory(names)) {
                try (DirectoryStream<Path> pointers = Files.newDirectoryStream(names)) {
                    for (Path pointer : pointers) {
                        archives.put(
                                lib + "/" + pointer.getFileName(),
                                Files.readString(pointer, StandardCharsets.UTF_8)
                                        .strip());
                    }
                }
            }
        }
        return archives;
    }

    /**
     * Keeps every archive in the build dir's library directories that the cache does not have.
     * Only directories where make fetched and unpacked something are read: Unikraft's fetch rule
     * (and the test core's) touches {@code .origin} there once the archive is unpacked, and a
     * no-op build should not list the files of every library.
     */
    public int collect(Path outdir) throws IOException {
        int stored = 0;
        if (!Files.isDirectory(outdir)) {
            return 0;
        }
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(outdir, Files::isDirectory)) {
            for (Path lib : libs) {
                if (!Files.exists(lib.resolve(".origin"))) {
                    continue;
                }
                try (DirectoryStream<Path> files =
                        Files.newDirectoryStream(lib, f -> isArchive(f) && Files.isRegularFile(f))) {
                    for (Path file : files) {
                        stored += store(lib.getFileName().toString(), file) ? 1 : 0;
                    }
                }
            }
        }
        return stored;
    }

    /**
     * Adds a file the user fetched by other means ({@code kraft pkg add-archive}) under the name
     * make's fetch rule gives it in library {@code lib}'s build directory; answers whether the
     * cache did not already hold it under that name.
     */
    public boolean add(String lib, String name, Path file) throws IOException {
        MoreFiles.child(root, lib);
        MoreFiles.child(root, name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        return store(lib, name, file);
    }

    private boolean store(String lib, Path file) throws IOException {
        return store(lib, file.getFileName().toString(), file);
    }

    private boolean store(String lib, String name, Path file) throws IOException {
        Path pointer = root.resolve("names").resolve(lib).resolve(name);
        String hex = Digests.sha256(file);
        if (Files.isRegularFile(pointer)
                && Files.readString(pointer, StandardCharsets.UTF_8).strip().equals(hex)) {
            return false;
        }
        Path blob = root.resolve("sha256").resolve(hex);
        Files.createDirectories(blob.getParent());
        try (FileLock lock = FileLock.acquire(root.resolve("sha256").resolve(hex + ".lock"))) {
            if (!Files.exists(blob)) {
                Path temp = Files.createTempFile(blob.getParent(), hex, ".part");
                Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                AtomicFiles.moveAtomically(temp, blob);
            }
        }
        AtomicFiles.writeString(pointer, hex + "\n");
        return true;
    }

    /** Unikraft names a library's build directory lib&lt;name&gt;; what already exists counts too. */
    private static Set<String> libraryDirs(Workdir workdir, Path outdir) throws IOException {
        Set<String> dirs = new LinkedHashSet<>();
        for (ComponentSpec library : workdir.project().libraries()) {
            String name = library.name().replace("-", "").replace("_", "");
            dirs.add(name.startsWith("lib") ? name : "lib" + name);
        }
        if (Files.isDirectory(outdir)) {
            try (DirectoryStream<Path> existing = Files.newDirectoryStream(outdir, Files::isDirectory)) {
                existing.forEach(dir -> dirs.add(dir.getFileName().toString()));
            }
        }
        return dirs;
    }

    /** Called for every file of the build directory (thousands), so a plain loop. */
    private static boolean isArchive(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : ARCHIVES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
