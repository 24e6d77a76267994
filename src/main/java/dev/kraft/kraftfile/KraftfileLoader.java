package dev.kraft.kraftfile;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds and loads a project's Kraftfile. Looks for KraftKit's five names in the project
 * directory and then in each parent; an explicit {@code -K} file wins.
 */
public final class KraftfileLoader {
    /** KraftKit's search order. */
    public static final List<String> FILE_NAMES =
            List.of("kraft.yaml", "kraft.yml", "Kraftfile.yml", "Kraftfile.yaml", "Kraftfile");

    private final Path cwd;
    private final Path home;
    private final Map<String, String> env;
    private final Consumer<String> warn;

    /** @param warn where warnings about the Kraftfile go (a Kconfig key repeated with its value) */
    public KraftfileLoader(Path cwd, Path home, Map<String, String> env, Consumer<String> warn) {
        this.cwd = cwd;
        this.home = home;
        this.env = env;
        this.warn = warn;
    }

    /**
     * @param dir       the project directory the user named, if any
     * @param kraftfile the {@code -K} file, if any
     */
    public Project load(Optional<String> dir, Optional<String> kraftfile) {
        Path start = dir.map(d -> cwd.resolve(d).toAbsolutePath().normalize()).orElse(cwd);
        if (dir.isPresent() && !Files.isDirectory(start)) {
            throw new KraftException(ExitCode.NOT_FOUND, "project directory " + dir.get() + " does not exist");
        }
        Path file;
        Path workdir;
        if (kraftfile.isPresent()) {
            file = cwd.resolve(kraftfile.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new KraftException(ExitCode.NOT_FOUND, "-K " + kraftfile.get() + ": no such file");
            }
            workdir = dir.isPresent() ? start : file.getParent();
        } else {
            file = find(start);
            workdir = file.getParent();
        }
        return parse(file, workdir);
    }

    Project parse(Path file, Path workdir) {
        String text = KraftfileText.read(file, display(file));
        YamlNode root = new YamlReader(display(file)).read(text);
        return new KraftfileParser(file, workdir, home, env, warn).parse(root);
    }

    private Path find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            List<Path> found = new ArrayList<>();
            for (String name : FILE_NAMES) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    found.add(candidate);
                } else if (Files.exists(candidate)) {
                    throw new KraftException(
                            ExitCode.INVALID_INPUT,
                            display(candidate) + " is "
                                    + (Files.isDirectory(candidate) ? "a directory" : "not a regular file")
                                    + ", not a Kraftfile; rename it, or name the Kraftfile with -K");
                }
            }
            if (found.size() > 1) {
                throw new KraftException(
                        ExitCode.INVALID_INPUT,
                        "found several Kraftfiles in " + display(dir) + ": "
                                + String.join(
                                        ", ",
                                        found.stream()
                                                .map(p -> p.getFileName().toString())
                                                .toList())
                                + "; KraftKit takes none of them either (\"found multiple config files\"): choose one with -K, e.g. -K "
                                + display(found.get(found.size() - 1)) + ", or keep one");
            }
            if (found.size() == 1) {
                refuseLinkOut(found.get(0));
                if (!dir.equals(start)) {
                    refuseOthers(found.get(0));
                }
                return found.get(0);
            }
        }
        throw new KraftException(
                ExitCode.NOT_FOUND,
                "no Kraftfile in " + display(start) + " or its parents (looked for " + String.join(", ", FILE_NAMES)
                        + "); name one with -K");
    }

    /**
     * A Kraftfile found (not named with -K) that is a link out of its project is refused before
     * it is read: a cloned project could otherwise make kraft read, and quote in its errors, a
     * file such as /etc/shadow.
     */
    private void refuseLinkOut(Path kraftfile) {
        if (Files.isSymbolicLink(kraftfile)) {
            new ProjectPaths(kraftfile.getParent()).leaves(kraftfile, false).ifPresent(problem -> {
                throw new KraftException(
                        ExitCode.INVALID_INPUT,
                        display(kraftfile) + " is a symbolic link out of its project" + problem
                                + "; kraft reads it only when named with -K");
            });
        }
    }

    /**
     * A Kraftfile the search finds above the project directory is read only if this user (or
     * root, or the user sudo ran for) owns it and nobody else may write it, as git refuses a
     * repository another user owns: the search climbs through directories such as {@code /tmp},
     * where anyone can leave a Kraftfile whose sources, kconfig and make variables would then
     * build, and run, as this user. The directory the user stands in, or names, is their choice
     * (a container's root building a checkout owned by the CI user is common) and is not checked.
     */
    private void refuseOthers(Path kraftfile) {
        int owner;
        int self;
        boolean worldWritable;
        try {
            owner = (Integer) Files.getAttribute(kraftfile, "unix:uid");
            self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            worldWritable = (((Integer) Files.getAttribute(kraftfile, "unix:mode")) & 0002) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return; // no POSIX owners here: nothing to compare
        }
        boolean trusted = owner == self
                || owner == 0
                || (self == 0 && String.valueOf(owner).equals(env.get("SUDO_UID")));
        String why = worldWritable
                ? "anyone can write it (mode o+w)"
                : trusted ? null : "it belongs to another user (uid " + owner + ")";
        if (why != null) {
            throw new KraftException(
                    ExitCode.INVALID_INPUT,
                    display(kraftfile) + ", found above the project directory, is not read: " + why
                            + "; name it with -K to read it");
        }
    }

    /** Paths in messages: relative to where the user stands when that is shorter. */
    private String display(Path path) {
        if (path.startsWith(cwd)) {
            String relative = cwd.relativize(path).toString();
            return relative.isEmpty() ? "." : relative;
        }
        return path.toString();
    }
}
