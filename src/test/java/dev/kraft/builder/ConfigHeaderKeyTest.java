package dev.kraft.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.h as ccache's direct mode should see it, and when there is no such key. */
class ConfigHeaderKeyTest {
    @TempDir
    Path dir;

    @Test
    void keysACurrentConfigHeaderWithoutThePaths() throws Exception {
        Path build = Files.createDirectories(dir.resolve("project/.unikraft/build/.kraft"))
                .getParent();
        Path core = Files.createDirectories(dir.resolve("project/.unikraft/core"));
        Path config = Files.writeString(dir.resolve("project/.config.k"), "CONFIG_X=y\n");
        Path header =
                header(build, "#define CONFIG_UK_BASE \"/p/core\"\n#define CONFIG_X 1\n#define CONFIG_UK_APP \"/p\"\n");
        Path key = build.resolve(".kraft/k.config-key");

        ConfigHeaderKey written = ConfigHeaderKey.write(build, config, key).orElseThrow();

        assertEquals("#define CONFIG_X 1\n", Files.readString(key));
        Map<String, String> env = written.ccacheVariables(List.of(build, core));
        assertEquals(
                "include/uk/bits/config.h:../build/include/uk/bits/config.h:" + header.toRealPath(),
                env.get("CCACHE_IGNOREHEADERS"),
                "as ccache names it from each directory make may compile in, and absolutely");
        assertEquals(key.toString(), env.get("CCACHE_EXTRAFILES"));
        assertEquals("1", env.get("CCACHE_DEPEND"), "keyed, a miss never needs the preprocessor");
    }

    @Test
    void dropsExactlyThePathDefinitions() {
        String header = String.join(
                "\n",
                "#define CONFIG_UK_BASE \"/home/a/core\"",
                "#define CONFIG_UK_APP \"/home/a/app\"",
                "#define CONFIG_UK_APPNAME \"app\"",
                "#define CONFIG_UK_BASE_X 1",
                "const char *app = \"/home/a/app\";",
                "");
        assertEquals(
                String.join(
                        "\n",
                        "#define CONFIG_UK_APPNAME \"app\"",
                        "#define CONFIG_UK_BASE_X 1",
                        "const char *app = \"/home/a/app\";",
                        ""),
                ConfigHeaderKey.withoutPathMacros(header));
    }

    @Test
    void noKeyWhileMakeWouldStillRewriteConfigHeader() throws Exception {
        Path build = dir.resolve("build");
        Path config = Files.writeString(dir.resolve(".config.k"), "CONFIG_X=n\n");
        Path header = header(build, "#define CONFIG_X 1\n");
        Files.setLastModifiedTime(header, FileTime.from(Instant.now().minusSeconds(60)));

        assertTrue(ConfigHeaderKey.write(build, config, dir.resolve("key")).isEmpty(), "the configuration is newer");
        assertTrue(
                ConfigHeaderKey.write(dir.resolve("none"), config, dir.resolve("key"))
                        .isEmpty(),
                "no config.h yet");
    }

    @Test
    void noKeyWhereCcacheWouldSplitAPath() throws Exception {
        Path build = dir.resolve("a:b/build");
        Path config = Files.writeString(dir.resolve(".config.k"), "CONFIG_X=y\n");
        header(build, "#define CONFIG_X 1\n");

        assertTrue(
                ConfigHeaderKey.write(build, config, dir.resolve("key")).isEmpty(), "ccache reads ':'-separated lists");
    }

    private static Path header(Path build, String content) throws Exception {
        Path header = build.resolve(ConfigHeaderKey.HEADER);
        Files.createDirectories(header.getParent());
        return Files.writeString(header, content);
    }
}
