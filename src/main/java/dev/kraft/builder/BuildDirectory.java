package dev.kraft.builder;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import dev.kraft.support.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which build directory kraft may write into and delete. The default one under
 * {@code .unikraft/} is always kraft's (or KraftKit's); an {@code outdir} the Kraftfile names
 * is kraft's only once kraft's state directory ({@code .kraft}) is in it, and kraft puts it
 * there only into a directory that is new or empty. So {@code outdir: src} can neither be
 * filled with make's output over the sources nor removed by {@code kraft clean --proper}.
 */
public final class BuildDirectory {
    private BuildDirectory() {}

    /**
     * Makes the build directory kraft's before anything is written into it, or says why it cannot
     * be, and creates the target's outdir in it: Unikraft resolves {@code O}'s parent with
     * {@code realpath}, which answers nothing for a missing directory, and would build in
     * {@code /<name>} instead.
     */
    static void claim(Workdir workdir, Path outdir) {
        Path dir = workdir.buildDir();
        try {
            if (!isDefault(workdir)
                    && !Files.isDirectory(workdir.stateDir(), LinkOption.NOFOLLOW_LINKS)
                    && !isEmpty(dir)) {
                throw new KraftException(
                        ExitCode.STATE,
                        "outdir " + workdir.root().relativize(dir) + " already holds files that kraft "
                                + "did not write; name a new or empty directory as outdir");
            }
            Files.createDirectories(workdir.stateDir());
            Files.createDirectories(outdir);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot create " + workdir.stateDir() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the build directory ({@code make properclean}), if it is kraft's; answers whether there was one. */
    public static boolean remove(Workdir workdir) {
        Path dir = workdir.buildDir();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!isDefault(workdir) && !Files.isDirectory(workdir.stateDir(), LinkOption.NOFOLLOW_LINKS)) {
            throw new KraftException(
                    ExitCode.STATE,
                    "outdir " + workdir.root().relativize(dir) + " was not made by kraft build "
                            + "(it holds no .kraft directory); kraft removes only its own build directories, so remove it yourself if you mean to");
        }
        try {
            MoreFiles.deleteTree(dir);
            return true;
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDefault(Workdir workdir) {
        return workdir.buildDir().equals(workdir.unikraftDir().resolve("build"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
