package dev.kraft.rootfs;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.EmbeddedInitrd;
import dev.kraft.unikraft.KConfig;
import java.nio.file.Path;

/**
 * Where the build finds the CPIO a kernel embeds ({@link EmbeddedInitrd}). KraftKit's rule
 * ({@code unikraft/app/application.go}): when the project's Kconfig sets one of the embedding
 * options and leaves {@code CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH} empty, the path becomes
 * the rootfs it built, {@code <build dir>/initramfs-<arch>.cpio}.
 */
public final class InitrdEmbedding {
    /** vfscore's option that names the file to embed (lib/vfscore/Config.uk). */
    public static final String PATH_OPTION = "CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH";

    private InitrdEmbedding() {}

    /** Where KraftKit puts the rootfs it builds: {@code <build dir>/initramfs-<arch>.cpio}. */
    public static Path defaultCpio(Path buildDir, Arch arch) {
        return buildDir.resolve("initramfs-" + arch.id() + ".cpio");
    }

    /** The Kconfig with the path option pointing at the built rootfs, when it embeds and names no file itself. */
    public static KConfig withPath(KConfig kconfig, Path buildDir, Arch arch) {
        if (!EmbeddedInitrd.in(kconfig)
                || !kconfig.asMap().getOrDefault(PATH_OPTION, "").isEmpty()) {
            return kconfig;
        }
        return kconfig.with(PATH_OPTION, defaultCpio(buildDir, arch).toString());
    }
}
