package dev.kraft.machine;

import dev.kraft.unikraft.KConfig;
import java.util.List;
import java.util.Optional;

/**
 * What {@code kraft run} (or any other user of the {@link Launcher}) asks for: a machine spec
 * before the machine exists. The launcher names it, attaches it to its networks and places its
 * boot files; the spec's own name and networks are not read.
 *
 * @param name          the name asked for; a fresh random one when empty
 * @param spec          how it boots; its initrd may be a directory, packed into a CPIO archive
 * @param networks      networks to join, {@code NAME} or {@code NAME:ADDRESS}
 * @param ownBootFiles  the machine keeps its own copies of kernel and initrd (an image's, which
 *                      may be removed while the machine lives)
 * @param kconfig       the kernel's configuration, for warnings before the boot (empty when unknown)
 */
public record MachineRequest(Optional<String> name, MachineSpec spec, List<String> networks, boolean ownBootFiles, KConfig kconfig) {

    public MachineRequest {
        networks = List.copyOf(networks);
    }
}
