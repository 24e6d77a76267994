package dev.kraft.cli;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kraft pkg add-archive}: puts a library's upstream archive (musl's tarball, …) that the
 * user got by other means into the cache kraft places them from, so that Unikraft's
 * {@code make fetch} finds it and an offline build goes on.
 */
@Command(
        name = "add-archive",
        mixinStandardHelpOptions = true,
        description = "Add a local file to the cache of libraries' upstream archives (what make fetch downloads).",
        footer = {"", "Example:", "  kraft pkg add-archive libmusl ~/Downloads/musl-1.2.3.tar.gz"})
final class PkgAddArchiveCommand implements Callable<Integer> {
    private final PackageServices services;

    @Parameters(
            index = "0",
            paramLabel = "LIB",
            description =
                    "The library's build directory name, as make names it (libmusl), or its Kraftfile name (musl).")
    String lib;

    @Parameters(index = "1", paramLabel = "FILE", description = "The archive.")
    String file;

    @Option(
            names = "--as",
            paramLabel = "NAME",
            description = "The file name make's fetch rule expects (default: FILE's own name).")
    String name;

    PkgAddArchiveCommand(PackageServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Path path = services.env().cwd().resolve(file);
        String as = name != null ? name : path.getFileName().toString();
        String buildDir = buildDirectory(lib);
        try {
            boolean added = services.upstreamArchives().add(buildDir, as, path);
            services.console()
                    .info((added ? "added " : "already cached: ") + buildDir + "/" + as
                            + "; make fetch will find it in every project");
        } catch (NoSuchFileException e) {
            throw new KraftException(ExitCode.NOT_FOUND, "FILE " + file + ": no such file");
        } catch (IOException e) {
            throw new KraftException(ExitCode.FAILURE, "cannot add " + file + " to the cache: " + e.getMessage(), e);
        }
        return 0;
    }

    /**
     * Unikraft names every library's build directory {@code lib<name>} (lib-musl's is libmusl) and
     * KraftKit's Kraftfile names the library without that prefix ({@code musl}): both mean the same
     * directory here, so the name a user knows from the Kraftfile does not store the archive where
     * make never looks.
     */
    static String buildDirectory(String lib) {
        return lib.startsWith("lib") ? lib : "lib" + lib;
    }
}
