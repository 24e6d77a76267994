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
 * @param spec          how it boots; its initrd a CPIO file, of which the machine always keeps its own copy
 * @param networks      networks to join, {@code NAME} or {@code NAME:ADDRESS}
 * @param ownKernel     the machine keeps its own copy of the kernel too (an image's, which may be
 *                      removed while the machine lives)
 * @param kconfig       the kernel's configuration, for warnings before the boot (empty when unknown)
 */
public record MachineRequest(
        Optional<String> name, MachineSpec spec, List<String> networks, boolean ownKernel, KConfig kconfig) {

    public MachineRequest {
        networks = List.copyOf(networks);
    }
}
