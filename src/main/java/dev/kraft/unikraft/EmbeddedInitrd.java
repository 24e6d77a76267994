package dev.kraft.unikraft;

import java.util.List;

/**
 * Whether a kernel carries its initrd inside (Unikraft's EINITRD options): then nothing is given
 * to it beside the kernel, neither {@code -initrd} at run nor an initrd layer in its image.
 */
public final class EmbeddedInitrd {
    /**
     * The options that embed: KraftKit's three, vfscore's fallback ones (which select the same
     * hidden {@code AUTOMOUNT_EINITRD}), and the posix-vfs and deprecated names KraftKit's pkg
     * checks.
     */
    private static final List<String> OPTIONS = List.of(
            "CONFIG_LIBVFSCORE_FSTAB",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_FB_EINITRD",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_FB_EINITRD_EXTRACT",
            "CONFIG_LIBVFSCORE_ROOTFS_EINITRD",
            "CONFIG_LIBPOSIX_VFS_FSTAB_EINITRD",
            "CONFIG_LIBPOSIX_VFS_FSTAB_BUILTIN_EINITRD");

    private EmbeddedInitrd() {}

    public static boolean in(KConfig kconfig) {
        return OPTIONS.stream().anyMatch(option -> "y".equals(kconfig.asMap().get(option)));
    }
}
