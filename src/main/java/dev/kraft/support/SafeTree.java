package dev.kraft.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes archive entries below one directory and nowhere else. Names with {@code ..} or a
 * leading {@code /} are refused, as are links that point outside, writes through a link (an
 * earlier entry may have made {@code lib -> /etc}), and more entries or bytes than the limits
 * allow. Permissions are reduced to 0644 or 0755: no setuid from a download.
 */
final class SafeTree {
    private final Path root;
    private final int strip;
    private final SafeUnpacker.Limits limits;
    private long entries;
    private long bytes;

    SafeTree(Path root, int strip, SafeUnpacker.Limits limits) throws IOException {
        this.root = root.toRealPath();
        this.strip = strip;
        this.limits = limits;
    }

    void directory(String name) throws IOException {
        Optional<Path> target = place(name);
        if (target.isPresent() && !Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)) {
            clear(name, target.get());
            Files.createDirectory(target.get(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    void file(String name, InputStream content, boolean executable) throws IOException {
        Optional<Path> target = place(name);
        if (target.isEmpty()) {
            return;
        }
        clear(name, target.get());
        String mode = executable ? "rwxr-xr-x" : "rw-r--r--";
        try (OutputStream out = Files.newOutputStream(target.get(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) >= 0;) {
                bytes += n;
                if (bytes > limits.maxBytes()) {
                    throw SafeUnpacker.refused(name, "the archive unpacks to more than " + limits.maxBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        Files.setPosixFilePermissions(target.get(), PosixFilePermissions.fromString(mode));
    }

    void symlink(String name, String linkTarget) throws IOException {
        Optional<Path> target = place(name);
        if (target.isEmpty()) {
            return;
        }
        if (linkTarget.startsWith("/")) {
            throw SafeUnpacker.refused(name, "a symbolic link to the absolute path " + linkTarget);
        }
        if (!target.get().getParent().resolve(linkTarget).normalize().startsWith(root)) {
            throw SafeUnpacker.refused(name, "a symbolic link to " + linkTarget + ", outside the archive");
        }
        clear(name, target.get());
        Files.createSymbolicLink(target.get(), Path.of(linkTarget));
    }

    void hardlink(String name, String linkTarget) throws IOException {
        Optional<Path> target = place(name);
        Optional<Path> existing = relative(linkTarget, name).map(root::resolve);
        if (target.isEmpty()) {
            return;
        }
        if (existing.isEmpty() || !Files.isRegularFile(existing.get(), LinkOption.NOFOLLOW_LINKS) || !parentsAreDirectories(existing.get())) {
            throw SafeUnpacker.refused(name, "a hard link to " + linkTarget + ", which is no file unpacked before it");
        }
        clear(name, target.get());
        Files.createLink(target.get(), existing.get());
    }

    /** Where an entry goes after stripping, with its parents made; empty for entries stripping removes. */
    private Optional<Path> place(String name) throws IOException {
        if (++entries > limits.maxEntries()) {
            throw SafeUnpacker.refused(name, "the archive has more than " + limits.maxEntries() + " entries");
        }
        Optional<Path> target = relative(name, name).map(root::resolve);
        if (target.isPresent()) {
            Path parent = root;
            for (Path part : root.relativize(target.get().getParent() == null ? root : target.get().getParent())) {
                parent = parent.resolve(part);
                if (Files.isSymbolicLink(parent)) {
                    throw SafeUnpacker.refused(name, "it would be written through the symbolic link " + root.relativize(parent));
                }
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(parent);
                }
            }
        }
        return target;
    }

    /** The name below the root after stripping; refuses names that climb or start at /. */
    private Optional<Path> relative(String name, String entry) {
        if (name.startsWith("/")) {
            throw SafeUnpacker.refused(entry, "an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw SafeUnpacker.refused(entry, "a path with \"..\"");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts.size() <= strip ? Optional.empty() : Optional.of(Path.of("", parts.subList(strip, parts.size()).toArray(String[]::new)));
    }

    private boolean parentsAreDirectories(Path path) {
        for (Path p = path.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    /** A later entry replaces an earlier file or link of its name, as tar does, never a directory. */
    private static void clear(String name, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw SafeUnpacker.refused(name, "it would replace a directory");
        }
        Files.deleteIfExists(target);
    }
}
