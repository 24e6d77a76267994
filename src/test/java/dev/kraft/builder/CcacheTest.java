package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment make gets for ccache, and the hit rate kraft reports. */
class CcacheTest {
    @TempDir
    Path dir;

    @Test
    void makeFindsCcacheFirstAndItsBaseIsTheProjectsRealPath() throws Exception {
        Path project = Files.createDirectories(dir.resolve("real/project"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), project.getParent());
        Ccache ccache = new Ccache(dir.resolve("cache"));

        Map<String, String> env = ccache.environment(
                Map.of("PATH", "/usr/bin"), link.resolve("project"), dir.resolve("stats"), Ccache.Sources.KERNEL);

        assertEquals("/usr/lib/ccache:/usr/bin", env.get("PATH"));
        assertEquals(dir.resolve("cache").toString(), env.get("CCACHE_DIR"));
        assertEquals(project.toRealPath().toString(), env.get("CCACHE_BASEDIR"), "Unikraft compiles with real paths");
        assertEquals("1", env.get("CCACHE_NOHASHDIR"));
        assertEquals(dir.resolve("stats").toString(), env.get("CCACHE_STATSLOG"), "the build's own statistics");
        assertEquals(dir.resolve("cache").resolve(PathMacroFilter.NAME).toString(), env.get("CCACHE_PREFIX_CPP"));
        assertTrue(Files.isExecutable(Path.of(env.get("CCACHE_PREFIX_CPP"))), "kraft writes the filter ccache runs");
    }

    @Test
    void noFilterWhereCcacheWouldSplitItsPath() {
        Ccache ccache = new Ccache(dir.resolve("my data/ccache"));

        assertFalse(
                ccache.environment(Map.of(), dir, dir.resolve("stats"), Ccache.Sources.KERNEL)
                        .containsKey("CCACHE_PREFIX_CPP"),
                "ccache splits its prefix on spaces");
    }

    @Test
    void theKconfigToolsCompileWithoutTheFilterTheyCannotNeed() {
        Map<String, String> env = new Ccache(dir.resolve("cache"))
                .environment(Map.of("PATH", "/usr/bin"), dir, dir.resolve("stats"), Ccache.Sources.HOST_TOOLS);

        assertFalse(env.containsKey("CCACHE_PREFIX_CPP"), "they never include config.h");
        assertEquals("/usr/lib/ccache:/usr/bin", env.get("PATH"), "but are cached all the same");
    }

    @Test
    void countsTheHitsAndMissesCcacheLogged() throws Exception {
        Path log = Files.writeString(
                dir.resolve("stats"),
                String.join(
                        "\n",
                        "# a.c",
                        "cache_miss",
                        "direct_cache_miss",
                        "local_storage_miss",
                        "preprocessed_cache_miss",
                        "# b.c",
                        "direct_cache_hit",
                        "local_storage_hit",
                        "# c.c",
                        "direct_cache_miss",
                        "preprocessed_cache_hit",
                        "local_storage_hit",
                        "# ",
                        "no_input_file",
                        ""));

        assertEquals(new Ccache.Stats(2, 1), Ccache.stats(log));
        assertEquals(new Ccache.Stats(0, 0), Ccache.stats(dir.resolve("none")), "no log: nothing compiled");
    }

    @Test
    void describesTheHitRate() {
        assertEquals("9 of 10 compilations from the cache (90%)", new Ccache.Stats(9, 1).describe());
        assertEquals("nothing compiled", new Ccache.Stats(0, 0).describe());
    }
}
