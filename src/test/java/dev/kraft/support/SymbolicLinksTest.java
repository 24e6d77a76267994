package dev.kraft.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolicLinksTest {
    @TempDir
    Path tmp;

    @Test
    void targetsJavaWouldNormaliseAreWrittenByteForByte() throws Exception {
        for (String target : new String[] {"ukrust_sys/", "..//lib/", "a/./b", "plain", "../up"}) {
            Path link = tmp.resolve("link");
            SymbolicLinks.create(link, target);
            assertEquals(target, SymbolicLinks.read(link));
            Files.delete(link);
        }
    }

    @Test
    void javaKeepsOnlyWhatItWouldNotRewrite() {
        assertTrue(SymbolicLinks.javaKeeps("ukrust_sys"));
        assertFalse(SymbolicLinks.javaKeeps("ukrust_sys/"));
        assertFalse(SymbolicLinks.javaKeeps("a//b"));
        assertFalse(SymbolicLinks.javaKeeps(""));
    }

    @Test
    void replaceSwapsALinkAndRefusesAFile() throws Exception {
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, Path.of("dir"));
        SymbolicLinks.replace(link, "dir/");
        assertEquals("dir/", SymbolicLinks.read(link));
        Path file = Files.writeString(tmp.resolve("file"), "data");
        assertThrows(IOException.class, () -> SymbolicLinks.replace(file, "dir/"));
        assertEquals("data", Files.readString(file));
    }
}
