package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seal made without digests still guards copies by their inodes; it cannot vouch for the bytes. */
class SealedTreeTest {
    @TempDir
    Path tmp;

    @Test
    void aTreeSealedWithoutDigestsIsCopiedButNeverVerified() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "a\n");
        SealedTree.seal(tree, SealedTree.sealOf(tree), false);

        SealedTree.copy(tree, tmp.resolve("copy"));
        assertEquals("a\n", Files.readString(tmp.resolve("copy/a.txt")));
        assertThrows(SealedTree.Broken.class, () -> SealedTree.verify(tree));
    }
}
