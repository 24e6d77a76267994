package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seal made without digests still guards copies by their inodes; it cannot vouch for the bytes. A copy is sealed as copied. */
class SealedTreeTest {
    @TempDir
    Path tmp;

    @Test
    void aTreeSealedWithoutDigestsIsCopiedButNeverVerified() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "a\n");
        Files.setPosixFilePermissions(tree.resolve("a.txt"), PosixFilePermissions.fromString("rw-rw-r--"));
        SealedTree.seal(tree, SealedTree.sealOf(tree), false);
        assertEquals(
                "rw-rw-r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("a.txt"))),
                "its files may be a project's: their modes are left alone");

        SealedTree.copy(tree, tmp.resolve("copy"));
        assertEquals("a\n", Files.readString(tmp.resolve("copy/a.txt")));
        assertThrows(SealedTree.Broken.class, () -> SealedTree.verify(tree));
    }

    @Test
    void aCopyIsSealedWithTheDigestsItsTreeVouchedFor() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "a\n");
        SealedTree.seal(tree, SealedTree.sealOf(tree));
        Path copy = tmp.resolve("copy");
        SealedTree.copy(tree, copy);

        SealedTree.Listing sealed = SealedTree.Listing.of(SealedTree.sealOf(copy));
        String digest = Digests.sha256(copy.resolve("a.txt"));
        assertEquals(new SealedTree.Content(false, digest), sealed.content("a.txt", copy.resolve("a.txt")));
        Path seal = SealedTree.sealOf(copy);
        String vouched = "0".repeat(64);
        Files.writeString(seal, Files.readString(seal).replace(digest, vouched));
        assertEquals(
                vouched,
                SealedTree.Listing.of(seal)
                        .content("a.txt", copy.resolve("a.txt"))
                        .sha256(),
                "an inode as sealed is not read");
        FileTime copiedAt = Files.getLastModifiedTime(copy.resolve("a.txt"));
        Files.writeString(copy.resolve("a.txt"), "b\n");
        Files.setLastModifiedTime(copy.resolve("a.txt"), copiedAt);
        assertEquals(
                Digests.sha256(copy.resolve("a.txt")),
                sealed.content("a.txt", copy.resolve("a.txt")).sha256(),
                "rewritten to its sealed size, time and mode: read, since its change time is new");
        Files.setLastModifiedTime(copy.resolve("a.txt"), FileTime.fromMillis(copiedAt.toMillis() + 1000));
        assertEquals(
                Digests.sha256(copy.resolve("a.txt")),
                sealed.content("a.txt", copy.resolve("a.txt")).sha256(),
                "a new time: read");
        assertEquals(
                digest,
                SealedTree.Listing.none()
                        .content("a.txt", tree.resolve("a.txt"))
                        .sha256(),
                "no seal: read");
    }
}
