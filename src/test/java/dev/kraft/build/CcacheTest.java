package dev.kraft.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.Processes;
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
        Ccache ccache = new Ccache(dir.resolve("cache"), new Processes(Map.of()));

        Map<String, String> env = ccache.environment(Map.of("PATH", "/usr/bin"), link.resolve("project"));

        assertEquals("/usr/lib/ccache:/usr/bin", env.get("PATH"));
        assertEquals(dir.resolve("cache").toString(), env.get("CCACHE_DIR"));
        assertEquals(project.toRealPath().toString(), env.get("CCACHE_BASEDIR"), "Unikraft compiles with real paths");
        assertEquals("1", env.get("CCACHE_NOHASHDIR"));
        assertEquals(dir.resolve("cache").resolve(PathMacroFilter.NAME).toString(), env.get("CCACHE_PREFIX_CPP"));
        assertTrue(Files.isExecutable(Path.of(env.get("CCACHE_PREFIX_CPP"))), "kraft writes the filter ccache runs");
    }

    @Test
    void noFilterWhereCcacheWouldSplitItsPath() {
        Ccache ccache = new Ccache(dir.resolve("my data/ccache"), new Processes(Map.of()));

        assertFalse(ccache.environment(Map.of(), dir).containsKey("CCACHE_PREFIX_CPP"), "ccache splits its prefix on spaces");
    }

    @Test
    void describesTheHitRate() {
        assertEquals("9 of 10 compilations from the cache (90%)", new Ccache.Stats(12, 3).since(new Ccache.Stats(3, 2)).describe());
        assertEquals("nothing compiled", new Ccache.Stats(0, 0).describe());
    }
}
