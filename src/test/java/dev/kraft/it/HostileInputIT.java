package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.testing.FileServer;
import dev.kraft.testing.HostileArchive;
import dev.kraft.testing.HostileRegistry;
import dev.kraft.testing.Tarballs;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/}: Kraftfiles, archives served
 * by a package index, and faulty registries. Through {@code bin/kraft}, as a user meets them,
 * each must fail with the expected exit code and its one error line, no stack trace, quickly.
 * A case's {@code NAME.expect} (properties: a backslash is written twice) holds {@code exit},
 * {@code error} (the line after "error: ") or {@code pattern} (a regular expression of it), and
 * {@code command}. A Kraftfile case is {@code NAME.Kraftfile}, its bytes, where
 * {@code {{repeat N "text"}}} stands for text N times (a 5 MB line needs no 5 MB file).
 */
class HostileInputIT {
    private static final Path CORPUS = Path.of("src/test/resources/hostile/kraftfiles");
    private static final Path ARCHIVES = Path.of("src/test/resources/hostile/archives");
    private static final Path REGISTRY = Path.of("src/test/resources/hostile/registry");
    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+) \"([^\"]*)\"}}");
    /**
     * Start-up included, on a loaded machine: the input itself is refused in well under a second
     * (YamlReaderTest). A case that kraft tries again first (a registry that keeps cutting a blob
     * off) gives its own {@code maxMillis}.
     */
    private static final long MAX_MILLIS = 3000;

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyKraftfileOfTheCorpusFailsAsExpected() throws IOException {
        return cases(CORPUS, 20, (name, expect) -> {
            Path project = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve(name)));
            Files.write(project.resolve("Kraftfile"), expand(Files.readAllBytes(CORPUS.resolve(name + ".Kraftfile"))));
            check(
                    name,
                    expect,
                    "build --dry-run",
                    project,
                    Map.of(),
                    new KraftCli(Files.createDirectories(tmp.resolve(name + "-home"))));
        });
    }

    /**
     * Each archive ({@code NAME.archive}: entries described line by line, see {@link HostileArchive})
     * is served as {@code lib/NAME:1.0} of a package index, sha256 and all, and pulled.
     */
    @TestFactory
    List<DynamicTest> everyArchiveOfTheCorpusIsRefused() throws IOException {
        return cases(ARCHIVES, 10, (name, expect) -> {
            byte[] archive = HostileArchive.of(Files.readString(ARCHIVES.resolve(name + ".archive")));
            try (FileServer server = new FileServer()) {
                server.serve(
                                "/index.yaml",
                                utf8("manifests:\n- {name: " + name + ", type: lib, manifest: ./" + name + ".yaml}\n"))
                        .serve(
                                "/" + name + ".yaml",
                                utf8("name: " + name + "\ntype: lib\nversions:\n- version: 1.0\n  resource: ./" + name
                                        + ".tar.gz\n  sha256: " + Tarballs.sha256(archive) + "\n"))
                        .serve("/" + name + ".tar.gz", archive);
                Path home = Files.createDirectories(tmp.resolve(name + "-home"));
                Files.createDirectories(home.resolve(".config/kraftkit"));
                Files.writeString(
                        home.resolve(".config/kraftkit/config.yaml"),
                        "unikraft:\n  manifests:\n  - " + server.url("/index.yaml") + "\n");
                check(
                        name,
                        expect,
                        "pkg pull lib/" + name + ":1.0",
                        tmp,
                        Map.of("url", server.url("/" + name + ".tar.gz")),
                        new KraftCli(home));
                assertFalse(Files.exists(Path.of("/tmp/kraft-escape")), "nothing escaped");
            }
        });
    }

    /** Each registry fault ({@link HostileRegistry.Fault}, named by the case) against pkg pull or run. */
    @TestFactory
    List<DynamicTest> everyRegistryFaultOfTheCorpusFailsAsExpected() throws IOException {
        return cases(REGISTRY, 6, (name, expect) -> {
            HostileRegistry.Fault fault =
                    HostileRegistry.Fault.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            try (HostileRegistry registry =
                    new HostileRegistry("not a kernel\n".repeat(300).getBytes(StandardCharsets.UTF_8), fault)) {
                Map<String, String> values = Map.of(
                        "ref",
                        registry.reference(),
                        "registry",
                        registry.reference().split("/")[0],
                        "layer",
                        registry.digest("layer"),
                        "layerhex",
                        registry.digest("layer").substring(7),
                        "config",
                        registry.digest("config"),
                        "manifest",
                        registry.digest("manifest"));
                check(
                        name,
                        expect,
                        "pkg pull ${ref}",
                        tmp,
                        values,
                        new KraftCli(Files.createDirectories(tmp.resolve(name + "-home"))));
                if (expect.containsKey("blobRequests")) {
                    assertEquals(
                            Integer.parseInt(expect.getProperty("blobRequests")),
                            registry.blobRequests(),
                            "refused before fetching");
                }
            }
        });
    }

    private interface Case {
        void run(String name, Properties expect) throws Exception;
    }

    private static List<DynamicTest> cases(Path corpus, int atLeast, Case test) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path expectFile :
                    files.filter(f -> f.toString().endsWith(".expect")).sorted().toList()) {
                String name = expectFile.getFileName().toString().replace(".expect", "");
                Properties expect = new Properties();
                try (InputStream in = Files.newInputStream(expectFile)) {
                    expect.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                tests.add(DynamicTest.dynamicTest(name, () -> test.run(name, expect)));
            }
        }
        assertTrue(tests.size() >= atLeast, corpus + " is there: " + tests.size());
        return tests;
    }

    /** Runs the case's command; {@code ${key}} in it and in the expected line stand for the values. */
    private static void check(
            String name, Properties expect, String command, Path dir, Map<String, String> values, KraftCli kraft)
            throws Exception {
        long start = System.nanoTime();
        KraftCli.Result result = kraft.run(
                dir,
                substitute(expect.getProperty("command", command), values, false)
                        .split(" "));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Integer.parseInt(expect.getProperty("exit")), result.exit(), result::toString);
        if (expect.containsKey("pattern")) {
            String last = result.err().strip().substring(result.err().strip().lastIndexOf('\n') + 1);
            assertTrue(
                    last.matches("error: " + substitute(expect.getProperty("pattern"), values, true)),
                    result::toString);
            UntrustedSourcesIT.assertOneError(result, last);
        } else {
            UntrustedSourcesIT.assertOneError(
                    result, "error: " + substitute(expect.getProperty("error"), values, false));
        }
        assertTrue(
                millis < Long.parseLong(expect.getProperty("maxMillis", Long.toString(MAX_MILLIS))),
                name + " took " + millis + " ms");
    }

    private static String substitute(String text, Map<String, String> values, boolean forPattern) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(
                    "${" + value.getKey() + "}", forPattern ? Pattern.quote(value.getValue()) : value.getValue());
        }
        return text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes, with each {{repeat N "text"}} written out (the rest is left byte for byte). */
    private static byte[] expand(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(
                    out, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
