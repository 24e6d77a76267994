package dev.kraft.builder.musl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weak symbols read from objects gcc compiled, as make leaves them in an outdir. */
class WeakDefinitionsTest {
    @TempDir
    Path outdir;

    @Test
    void weakDefinitionsOutsideTheSkippedLibraryThatSomethingUses() throws Exception {
        compile("libuksyscall/stubs.o", """
                __attribute__((weak)) int getpid(void) { return -1; }
                __attribute__((weak)) int gettid(void) { return -1; }
                __attribute__((weak)) int unused(void) { return -1; }
                __attribute__((weak)) int called_here(void) { return -1; }
                int strong(void) { return called_here(); }
                """);
        compile("libapp/main.o", """
                extern int getpid(void);
                extern int optional(void) __attribute__((weak));
                int main(void) { return getpid() + (optional ? optional() : 0); }
                """);
        compile("libmusl/raise.o", """
                extern int gettid(void);
                __attribute__((weak)) int musl_own(void) { return 1; }
                int raise(int s) { return gettid() + s + musl_own(); }
                """);
        compile("libmusl.o", "__attribute__((weak)) int musl_linked(void) { return 1; }");
        compile("kconfig/conf.o", """
                __attribute__((weak)) int host_tool(void) { return 1; }
                int call(void) { return host_tool(); }
                """);

        assertEquals(
                Set.of("called_here", "getpid", "gettid", "optional"),
                WeakDefinitions.replaceable(outdir, "libmusl"),
                "used from another library, from a musl source, from its own file; referred to weakly");
    }

    @Test
    void readsThirtyTwoBitObjectsToo() throws Exception {
        compile("libukboot/stubs.o", """
                __attribute__((weak)) int getpid(void) { return -1; }
                int pid(void) { return getpid(); }
                """, "-m32");

        assertEquals(Set.of("getpid"), WeakDefinitions.replaceable(outdir, "libmusl"));
    }

    @Test
    void anythingButAnElfObjectDefinesNothing() throws Exception {
        Files.createDirectories(outdir.resolve("libx"));
        Files.writeString(outdir.resolve("libx/text.o"), "not an object");
        Files.write(outdir.resolve("libx/cut.o"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        byte[] lying = new byte[64];
        lying[0] = 0x7f;
        lying[1] = 'E';
        lying[2] = 'L';
        lying[3] = 'F';
        lying[4] = 2;
        lying[5] = 1;
        lying[0x28] = 0x7f; // section headers far past the end
        lying[0x3a] = 64;
        lying[0x3c] = 10;
        Files.write(outdir.resolve("libx/lying.o"), lying);

        assertEquals(Set.of(), WeakDefinitions.replaceable(outdir, "libmusl"));
    }

    @Test
    void aTableLargerThanAnyObjectsIsNotRead() throws Exception {
        // A sparse file whose symbol table claims 1 GiB: refused unread, at no memory cost.
        Files.createDirectories(outdir.resolve("libx"));
        Path huge = outdir.resolve("libx/huge.o");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            ByteBuffer header = ByteBuffer.allocate(64 + 2 * 64).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1);
            header.putLong(0x28, 64).putShort(0x3a, (short) 64).putShort(0x3c, (short) 2);
            header.putInt(64 + 64 + 4, 2).putLong(64 + 64 + 0x18, 4096).putLong(64 + 64 + 0x20, 1L << 30);
            header.putInt(64 + 64 + 0x28, 0);
            file.write(header.array());
            file.setLength((1L << 30) + 8192);
        }

        assertEquals(Set.of(), WeakDefinitions.replaceable(outdir, "libmusl"));
    }

    private void compile(String object, String source, String... flags) throws Exception {
        Path out = outdir.resolve(object);
        Files.createDirectories(out.getParent());
        Path c = Files.writeString(outdir.resolve("src.c"), source);
        List<String> argv = new ArrayList<>(List.of("gcc", "-c", "-o", out.toString(), c.toString()));
        argv.addAll(List.of(flags));
        Process gcc = new ProcessBuilder(argv).inheritIO().start();
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("gcc failed on " + object);
        }
        Files.delete(c);
    }
}
