package dev.kraft.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.EmbeddedInitrd;
import dev.kraft.unikraft.KConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KraftKit's rule: an embedding kernel that names no file gets <build dir>/initramfs-<arch>.cpio. */
class InitrdEmbeddingTest {
    private static final Path BUILD = Path.of("/p/.unikraft/build");

    @Test
    void anEmbeddingKernelGetsTheBuiltRootfs() {
        KConfig embedding = KConfig.of(Map.of("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD", "y"));
        assertTrue(EmbeddedInitrd.in(embedding));
        assertEquals(
                "/p/.unikraft/build/initramfs-arm64.cpio",
                InitrdEmbedding.withPath(embedding, BUILD, Arch.ARM64).asMap().get(InitrdEmbedding.PATH_OPTION));
    }

    @Test
    void aNamedFileOrNoEmbeddingIsLeftAlone() {
        KConfig named = KConfig.of(Map.of("CONFIG_LIBVFSCORE_FSTAB", "y", InitrdEmbedding.PATH_OPTION, "/mine.cpio"));
        assertEquals(named, InitrdEmbedding.withPath(named, BUILD, Arch.X86_64));
        KConfig plain = KConfig.of(Map.of("CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD", "n"));
        assertFalse(EmbeddedInitrd.in(plain));
        assertEquals(plain, InitrdEmbedding.withPath(plain, BUILD, Arch.X86_64));
    }
}
