package dev.kraft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.support.Env;
import dev.kraft.support.Tty;
import dev.kraft.testing.FileServer;
import dev.kraft.testing.Tarballs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pkg commands in-process, with a fake world: a temp HOME, captured streams, an index on loopback. */
class PkgCommandsTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {}

    private Run kraft(Map<String, String> vars, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Env env = new Env(
                home,
                home,
                vars,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Tty.NONE,
                Clock.systemUTC());
        int exit = Kraft.run(args, env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run kraft(String... args) {
        return kraft(Map.of("NO_COLOR", "1"), args);
    }

    @Test
    void sourcesUpdateListInfoPullAndRemove() throws IOException {
        byte[] tar = Tarballs.gzip()
                .directory("greet/")
                .file("greet/Config.uk", "config LIBGREET\n")
                .bytes();
        try (FileServer server = new FileServer()) {
            server.serve(
                            "/index.yaml",
                            ("manifests:\n- name: greet\n  type: lib\n  manifest: ./greet.yaml\n")
                                    .getBytes(StandardCharsets.UTF_8))
                    .serve(
                            "/greet.yaml",
                            ("name: greet\ntype: lib\ndescription: greetings\nchannels:\n- name: stable\n  default: true\n"
                                            + "  resource: ./greet.tar.gz\n  sha256: " + Tarballs.sha256(tar) + "\n")
                                    .getBytes(StandardCharsets.UTF_8))
                    .serve("/greet.tar.gz", tar);
            assertEquals(
                    0,
                    kraft("pkg", "unsource", "https://manifests.kraftkit.sh/index.yaml")
                            .exit());
            assertEquals(0, kraft("pkg", "source", server.url("/index.yaml")).exit());
            Run update = kraft("pkg", "update");
            assertEquals(0, update.exit(), update::toString);
            assertTrue(
                    update.err().startsWith("updated the package index: 1 packages from 1 source(s)"),
                    update::toString);

            Run ls = kraft("pkg", "ls", "--libs");
            assertEquals("TYPE  NAME   CHANNELS  VERSIONS  PULLED\nlib   greet  stable\n", ls.out());
            Run pull = kraft("pkg", "pull", "lib/greet:stable", "-o", "out");
            assertEquals(0, pull.exit(), pull::toString);
            assertEquals(
                    "pulled lib/greet stable sha256:" + Tarballs.sha256(tar).substring(0, 12) + " (downloaded "
                            + tar.length + " bytes)\n",
                    pull.err());
            assertTrue(Files.isRegularFile(home.resolve("out/Config.uk")));
            assertTrue(kraft("pkg", "ls", "-o", "json").out().contains("\"pulled\" : [ \"stable\" ]"));
            assertTrue(kraft("pkg", "info", "greet", "-o", "yaml").out().contains("default: true"));
            assertEquals(3, server.requests());

            Run remove = kraft("pkg", "remove", "greet");
            assertEquals(0, remove.exit(), remove::toString);
            Run offline = kraft(Map.of("KRAFTKIT_OFFLINE", "1"), "pkg", "pull", "greet");
            assertEquals(6, offline.exit(), offline::toString);
            assertTrue(
                    offline.err()
                            .startsWith(
                                    "error: offline (--offline or KRAFTKIT_OFFLINE): lib/greet stable is not in the cache"),
                    offline::toString);
        }
    }

    @Test
    void badQueriesAndFormatsAreUsageErrors() {
        assertEquals(2, kraft("pkg", "ls", "-o", "xml").exit());
        Run query = kraft("pkg", "pull", "--offline", "widget/x");
        assertEquals(2, query.exit(), query::toString);
        assertEquals("error: \"widget/x\": unknown package type \"widget\" (core, lib or app)\n", query.err());
        assertEquals(2, kraft("pkg", "remove").exit());
        assertEquals(6, kraft("pkg", "source", "./no-such-dir").exit());
        assertEquals(6, kraft("pkg", "unsource", "http://never-added").exit());
    }
}
