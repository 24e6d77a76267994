package dev.kraft.unikraft;

import java.util.List;

/**
 * Whether a kernel takes its initrd as its root file system from the command line: KraftKit
 * adds the {@code initrd0} entry at {@code /} to {@code vfs.fstab} only for a kernel whose
 * Kconfig mounts file systems at boot ({@code CONFIG_LIBVFSCORE_AUTOMOUNT_UP}, or the older
 * {@code CONFIG_LIBVFSCORE_FSTAB}).
 */
public final class InitrdMount {
    private static final List<String> OPTIONS = List.of("CONFIG_LIBVFSCORE_FSTAB", "CONFIG_LIBVFSCORE_AUTOMOUNT_UP");

    private InitrdMount() {}

    public static boolean asked(KConfig kconfig) {
        return OPTIONS.stream().anyMatch(option -> "y".equals(kconfig.asMap().get(option)));
    }
}
