package dev.kraft.builder;

import dev.kraft.support.ExitCode;
import dev.kraft.support.KraftException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiler caching for Unikraft's make through ccache's masquerade directory (Debian's
 * {@code /usr/lib/ccache} holds {@code gcc} → ccache links), so no make variable changes and the
 * kernel is built by the same commands.
 *
 * <p>A project elsewhere with the same sources shares the cache: {@code CCACHE_BASEDIR} is the
 * project, so ccache compiles with the paths inside it made relative to the directory make
 * compiles in (Unikraft's outdir, the test core's core), and {@code CCACHE_NOHASHDIR} leaves that
 * directory out of the hash (the debug info then names the project that filled the cache).
 * ccache writes the dependency lists with relative paths too, and with a relative target on a
 * miss. Make still rebuilds what a changed header touches because Unikraft (and the test core)
 * never use that target: the compiler writes its list to a temporary file ({@code -Wp,-MD}) and
 * fixdep writes the rules under the object's absolute name; the relative prerequisites resolve
 * from the same directory, since make reads them there.
 *
 * <p>Unikraft's config.h also defines the core's and the app's absolute paths
 * ({@code CONFIG_UK_BASE}, {@code CONFIG_UK_APP}), and at its default {@code -g3} the
 * preprocessor keeps every definition in the output ccache hashes, so no object would be shared.
 * {@link PathMacroFilter} deletes those two definitions from that output ({@code
 * CCACHE_PREFIX_CPP}). That is safe because ccache still compiles the source, not the filtered
 * output ({@code -g3} makes it), and a source that uses either macro holds its expansion, which
 * differs, so it misses. What a shared object keeps of the other project is its debug info: the
 * compile directory, and at {@code -g3} those two macros' values. In direct mode, which hashes
 * the headers a source includes instead of preprocessing it, config.h would still differ: where
 * it is safe, {@link ConfigHeaderKey} has ccache compare config.h without those paths.
 *
 * <p>With config.h keyed, kraft runs ccache in depend mode ({@code CCACHE_DEPEND}): it never
 * runs the preprocessor; on a miss it compiles once and keys the object by the headers the
 * compiler's dependency list names (Unikraft and the test core compile with {@code -Wp,-MD}). A
 * miss then costs the compile and ccache's own bookkeeping, about 1.2 times the CPU of a plain
 * compile of musl's sources, where preprocessing them as well cost 1.75. Without the key, depend
 * mode could never hit in another project, so the build goes through the preprocessor and the
 * filter as above.
 *
 * <p>What still misses: a project that compiles outside its directory (an outdir elsewhere, or
 * the test core kept elsewhere), sources that use the path macros, and every {@code -g3} source
 * when kraft's data directory has a space in its path, since ccache splits its prefix on spaces.
 *
 * <p>The hit rate a build reports is its own: ccache appends one record per compilation to the
 * build's statistics log ({@code CCACHE_STATSLOG}), so another build sharing the cache at the same
 * time does not count, and no ccache process is started to ask.
 */
public final class Ccache {
    static final Path MASQUERADE = Path.of("/usr/lib/ccache");
    private final Path cacheDir;

    Ccache(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** ccache when it is installed (its masquerade directory exists), else nothing. */
    public static Optional<Ccache> detect(Path cacheDir) {
        return Files.isExecutable(MASQUERADE.resolve("gcc")) ? Optional.of(new Ccache(cacheDir)) : Optional.empty();
    }

    /**
     * The variables make runs with: the masquerade directory first on PATH, kraft's cache, the
     * project as ccache's base directory, by its real path because Unikraft resolves every path
     * it compiles with ({@code realpath}) and ccache matches the base as a prefix, the log each
     * compilation's statistics go to, and, for the kernel's sources, the path-macro filter as the
     * preprocessor's prefix, written into the cache first if missing. Configure compiles only
     * Unikraft's Kconfig tools, which never include config.h: the filter would only cost them a
     * shell and a sed each (about 0.1 s of a first build).
     */
    public Map<String, String> environment(Map<String, String> base, Path project, Path statsLog, Sources sources) {
        Map<String, String> env = new HashMap<>();
        env.put("CCACHE_STATSLOG", statsLog.toString());
        env.put("PATH", MASQUERADE + File.pathSeparator + base.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("CCACHE_DIR", cacheDir.toString());
        env.put("CCACHE_BASEDIR", realPath(project).toString());
        env.put("CCACHE_NOHASHDIR", "1");
        if (sources == Sources.KERNEL && !cacheDir.toString().matches(".*\\s.*")) {
            env.put("CCACHE_PREFIX_CPP", installFilter().toString());
        }
        return env;
    }

    private Path installFilter() {
        try {
            return PathMacroFilter.install(cacheDir);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE,
                    "cannot write ccache's preprocessor filter into " + cacheDir + ": " + e.getMessage(),
                    e);
        }
    }

    static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /**
     * The hits and misses recorded in a statistics log: ccache writes a {@code # file} line per
     * compilation, then one counter name per line. No log: nothing was compiled.
     */
    public static Stats stats(Path statsLog) {
        long hits = 0;
        long misses = 0;
        try (BufferedReader reader = Files.newBufferedReader(statsLog, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                switch (line) {
                    case "direct_cache_hit", "preprocessed_cache_hit" -> hits++;
                    case "cache_miss" -> misses++;
                    default -> {}
                }
            }
        } catch (NoSuchFileException e) {
            return new Stats(0, 0);
        } catch (IOException e) {
            throw new KraftException(
                    ExitCode.FAILURE, "cannot read ccache's statistics log " + statsLog + ": " + e.getMessage(), e);
        }
        return new Stats(hits, misses);
    }

    /** What a make call compiles: the kernel's sources, or only the host tools configure builds. */
    public enum Sources {
        KERNEL,
        HOST_TOOLS
    }

    public record Stats(long hits, long misses) {
        public String describe() {
            long total = hits + misses;
            return total == 0
                    ? "nothing compiled"
                    : hits + " of " + total + " compilations from the cache (" + (100 * hits / total) + "%)";
        }
    }
}
