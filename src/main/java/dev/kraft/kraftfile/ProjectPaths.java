package dev.kraft.kraftfile;

import dev.kraft.support.Quoted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths a Kraftfile names stay inside its project: a project cloned from a stranger must not
 * make kraft read, pack or delete the host's files. Links are followed before the check (a
 * committed {@code build -> /home/you} is as far out as {@code ../..}); a part that does not
 * exist yet counts as a directory of that name.
 */
final class ProjectPaths {
    private final Path workdir;
    private final Path realWorkdir;

    ProjectPaths(Path workdir) {
        this.workdir = workdir;
        this.realWorkdir = real(workdir).orElse(workdir);
    }

    /** {@code text} resolved in the project, which it must not leave; the project itself only if {@code mayBeProject}. */
    Path inside(String text, Location at, String what, boolean mayBeProject) {
        Path path = workdir.resolve(text).normalize();
        Optional<String> problem = leaves(path, mayBeProject);
        if (problem.isPresent()) {
            throw new KraftfileException(
                    at,
                    what + " " + Quoted.of(text) + " must be inside the project" + problem.get()
                            + "; a path outside it can be given on the command line");
        }
        return path;
    }

    /**
     * Whether a value names a path rather than something else a field may hold (an image
     * reference for {@code rootfs}): it starts like one, climbs, or names something that exists.
     */
    boolean isPath(String text) {
        return text.startsWith("/")
                || text.startsWith(".")
                || text.startsWith("~")
                || text.contains("/../")
                || text.endsWith("/..")
                || Files.exists(workdir.resolve(text).normalize(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Why the path leaves the project (", it leads to /etc"), if it does. */
    Optional<String> leaves(Path path, boolean mayBeProject) {
        Optional<Path> real = real(path);
        if (real.isEmpty()) {
            return Optional.of(" (it goes through a link that leads nowhere)");
        }
        if (!real.get().startsWith(realWorkdir)) {
            return Optional.of(real.get().equals(path) ? "" : " (it leads to " + real.get() + ")");
        }
        if (!mayBeProject && real.get().equals(realWorkdir)) {
            return Optional.of(", and not the project itself");
        }
        return Optional.empty();
    }

    /**
     * Where a path really is: its longest existing prefix with every link followed, then the rest
     * as written (already normalised, so it holds no {@code ..}); empty for a dangling link.
     */
    private static Optional<Path> real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            return Optional.of(
                    existing.toRealPath().resolve(existing.relativize(absolute)).normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
