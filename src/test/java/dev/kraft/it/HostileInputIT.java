package dev.kraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus under {@code src/test/resources/hostile/}: each Kraftfile goes into a
 * copy of the test project, and {@code kraft} (through {@code bin/kraft}, as a user meets it)
 * must fail with the expected exit code and its one error line, no stack trace, quickly.
 * A case is {@code NAME.Kraftfile} (its bytes; {@code {{repeat N "text"}}} stands for text N
 * times, so a 5 MB line needs no 5 MB file) and {@code NAME.expect} ({@code exit}, {@code error},
 * and {@code command}, by default {@code build --dry-run}).
 */
class HostileInputIT {
    private static final Path CORPUS = Path.of("src/test/resources/hostile/kraftfiles");
    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+) \"([^\"]*)\"}}");
    /** Start-up included, on a loaded machine: the input itself is refused in well under a second (YamlReaderTest). */
    private static final long MAX_MILLIS = 3000;

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> everyKraftfileOfTheCorpusFailsAsExpected() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path expect : files.filter(f -> f.toString().endsWith(".expect")).sorted().toList()) {
                String name = expect.getFileName().toString().replace(".expect", "");
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, expect)));
            }
        }
        assertTrue(tests.size() >= 20, "the corpus is there: " + tests.size());
        return tests;
    }

    private void check(String name, Path expectFile) throws Exception {
        Properties expect = new Properties();
        try (InputStream in = Files.newInputStream(expectFile)) {
            expect.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Path project = Projects.copyHelloLocal(Files.createDirectories(tmp.resolve(name)));
        Files.write(project.resolve("Kraftfile"), expand(Files.readAllBytes(CORPUS.resolve(name + ".Kraftfile"))));
        KraftCli kraft = new KraftCli(Files.createDirectories(tmp.resolve(name + "-home")));
        long start = System.nanoTime();
        KraftCli.Result result = kraft.run(project, expect.getProperty("command", "build --dry-run").split(" "));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Integer.parseInt(expect.getProperty("exit")), result.exit(), result::toString);
        UntrustedSourcesIT.assertOneError(result, "error: " + expect.getProperty("error"));
        assertEquals("", result.out(), "nothing on stdout");
        assertTrue(millis < MAX_MILLIS, name + " took " + millis + " ms");
    }

    /** The bytes, with each {{repeat N "text"}} written out (the rest is left byte for byte). */
    private static byte[] expand(byte[] content) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
