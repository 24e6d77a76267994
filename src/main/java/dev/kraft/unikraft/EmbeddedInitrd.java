package dev.kraft.unikraft;

import java.util.List;

/** Whether a kernel carries its initrd inside (Unikraft's EINITRD options): then nothing is given to it beside the kernel. */
public final class EmbeddedInitrd {
    private static final List<String> OPTIONS = List.of("CONFIG_LIBVFSCORE_ROOTFS_EINITRD", "CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD",
            "CONFIG_LIBVFSCORE_AUTOMOUNT_CI_EINITRD", "CONFIG_LIBPOSIX_VFS_FSTAB_EINITRD", "CONFIG_LIBPOSIX_VFS_FSTAB_BUILTIN_EINITRD");

    private EmbeddedInitrd() {
    }

    public static boolean in(KConfig kconfig) {
        return OPTIONS.stream().anyMatch(option -> "y".equals(kconfig.asMap().get(option)));
    }
}
