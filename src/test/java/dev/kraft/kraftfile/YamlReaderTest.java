package dev.kraft.kraftfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.kraftfile.YamlNode.ListNode;
import dev.kraft.kraftfile.YamlNode.MapNode;
import dev.kraft.kraftfile.YamlNode.Scalar;
import dev.kraft.kraftfile.YamlNode.ScalarType;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the reader refuses, each in well under a second, and how it types and expands what it accepts. */
class YamlReaderTest {
    private static KraftfileException refusedQuickly(Supplier<String> input) {
        String text = input.get();
        long start = System.nanoTime();
        KraftfileException e = assertThrows(KraftfileException.class, () -> new YamlReader("Kraftfile").read(text));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "refused in " + millis + " ms: " + e.getMessage());
        return e;
    }

    @Test
    void aVeryLongLineIsRefusedBeforeParsing() {
        KraftfileException e = refusedQuickly(() -> "spec: v0.6\nname: " + "a".repeat(30_000_000) + "\n");
        assertEquals(
                "Kraftfile:1:1: the file has 30000018 characters; a Kraftfile may have at most 1048576",
                e.getMessage());
        e = refusedQuickly(() -> "spec: v0.6\nname: " + "a".repeat(500_000) + "\n");
        assertEquals(
                "Kraftfile:2:16385: line 2 has 500006 characters; a Kraftfile's lines may have at most 16384",
                e.getMessage());
    }

    @Test
    void deepNestingAndAliasBombsAreRefusedWithTheirPlace() {
        assertEquals(
                "Kraftfile:1:69: values are nested more than 64 levels deep here",
                refusedQuickly(() -> "x-a: " + "[".repeat(8000) + "]".repeat(8000))
                        .getMessage());
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(("*" + (char) (c - 1) + ", ").repeat(9))
                    .append('*')
                    .append((char) (c - 1))
                    .append("]\n");
        }
        assertTrue(refusedQuickly(bomb::toString)
                .getMessage()
                .matches("Kraftfile:5:\\d+: with its aliases expanded the document would hold "
                        + "more than 100000 values \\(an alias bomb\\?\\)"));
    }

    @Test
    void parserMessagesAreOneLineWithAPlace() {
        assertEquals(
                "Kraftfile:2:1: invalid YAML: expected '<document start>', but found '<block mapping start>'",
                refusedQuickly(() -> " a: 1\nb: 2\n").getMessage());
        assertEquals(
                "Kraftfile:2:1: duplicate key \"a\" (first at 1:1)",
                refusedQuickly(() -> "a: 1\na: 2\n").getMessage());
        assertEquals(
                "Kraftfile:1:3: a key must be a plain value, not a list or map",
                refusedQuickly(() -> "? [a]\n: b\n").getMessage());
    }

    @Test
    void mergeKeysWriteAsYamlV2DoesAndStayBounded() {
        MapNode root = (MapNode) new YamlReader("Kraftfile").read("""
                base: &base {a: 1, b: 1}
                more: &more {b: 2, c: 2}
                x:
                  a: 0
                  <<: [*base, *more]
                  c: 3
                """);
        MapNode x = (MapNode) root.entry("x").orElseThrow().value();
        assertEquals(
                "1",
                ((Scalar) x.entry("a").orElseThrow().value()).text(),
                "a merge writes over what is before it (yaml.v2)");
        assertEquals("1", ((Scalar) x.entry("b").orElseThrow().value()).text(), "the first map of a merge list wins");
        assertEquals("3", ((Scalar) x.entry("c").orElseThrow().value()).text(), "a key after the merge overrides it");
        assertEquals(3, x.entries().size());
        assertEquals(
                "Kraftfile:2:7: a merge key (<<) takes a map or a list of maps, not a string",
                refusedQuickly(() -> "x:\n  <<: text\n").getMessage());
        StringBuilder bomb = new StringBuilder("a0: &a0 {k: [x, x, x, x, x, x, x, x, x, x]}\n");
        for (int i = 1; i < 8; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" {<<: [")
                    .append(("*a" + (i - 1) + ", ").repeat(9))
                    .append("*a")
                    .append(i - 1)
                    .append("], k")
                    .append(i)
                    .append(": [*a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append("]}\n");
        }
        assertTrue(refusedQuickly(bomb::toString).getMessage().contains("an alias bomb?"));
    }

    @Test
    void readsScalarsAsYamlV2DoesAndExpandsAliases() {
        MapNode root = (MapNode)
                new YamlReader("Kraftfile").read("a: y\nb: 'y'\nc: 0x10\nd: ~\ne: &args [one, two]\nf: *args\n");
        assertEquals(ScalarType.BOOLEAN, ((Scalar) root.entry("a").orElseThrow().value()).type());
        assertEquals(ScalarType.STRING, ((Scalar) root.entry("b").orElseThrow().value()).type());
        assertEquals(ScalarType.NUMBER, ((Scalar) root.entry("c").orElseThrow().value()).type());
        assertEquals(ScalarType.NULL, ((Scalar) root.entry("d").orElseThrow().value()).type());
        ListNode alias = (ListNode) root.entry("f").orElseThrow().value();
        assertEquals("two", ((Scalar) alias.items().get(1)).text());
    }
}
