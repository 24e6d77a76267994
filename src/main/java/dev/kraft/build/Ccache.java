package dev.kraft.build;

import dev.kraft.support.Processes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiler caching for Unikraft's make through ccache's masquerade directory (Debian's
 * {@code /usr/lib/ccache} holds {@code gcc} → ccache links), so no make variable changes and the
 * kernel is built by the same commands. {@code CCACHE_NOHASHDIR} leaves the working directory
 * out of the hash. No {@code CCACHE_BASEDIR}: ccache then rewrites the paths in the dependency
 * files it writes to relative ones, make no longer matches them to its absolute object paths,
 * and a changed header (the Kconfig's config.h) stops rebuilding anything. So hits need the
 * same project path: rebuilds after a clean, other targets, CI caches of one checkout.
 */
public final class Ccache {
    static final Path MASQUERADE = Path.of("/usr/lib/ccache");
    private final Path cacheDir;
    private final Processes processes;

    private Ccache(Path cacheDir, Processes processes) {
        this.cacheDir = cacheDir;
        this.processes = processes;
    }

    /** ccache when it is installed (its masquerade directory exists), else nothing. */
    public static Optional<Ccache> detect(Path cacheDir, Processes processes) {
        return Files.isExecutable(MASQUERADE.resolve("gcc")) ? Optional.of(new Ccache(cacheDir, processes)) : Optional.empty();
    }

    /** The variables make runs with: the masquerade directory first on PATH, and kraft's cache. */
    public Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", MASQUERADE + File.pathSeparator + base.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("CCACHE_DIR", cacheDir.toString());
        env.put("CCACHE_NOHASHDIR", "1");
        return env;
    }

    /** Cache hits and misses so far, from {@code ccache --print-stats}. */
    public Stats stats() {
        Map<String, Long> values = new HashMap<>();
        processes.run(List.of("ccache", "--print-stats"), Path.of("/"), Map.of("CCACHE_DIR", cacheDir.toString()), line -> {
            String[] fields = line.split("\t");
            if (fields.length == 2 && fields[1].matches("\\d+")) {
                values.put(fields[0], Long.parseLong(fields[1]));
            }
        });
        return new Stats(values.getOrDefault("direct_cache_hit", 0L) + values.getOrDefault("preprocessed_cache_hit", 0L),
                values.getOrDefault("cache_miss", 0L));
    }

    public record Stats(long hits, long misses) {
        public Stats since(Stats before) {
            return new Stats(hits - before.hits, misses - before.misses);
        }

        public String describe() {
            long total = hits + misses;
            return total == 0 ? "nothing compiled" : hits + " of " + total + " compilations from the cache (" + (100 * hits / total) + "%)";
        }
    }
}
