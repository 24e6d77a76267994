package dev.kraft.machine;

import dev.kraft.unikraft.Arch;
import dev.kraft.unikraft.Plat;

/**
 * The driver for a machine, chosen by its own spec: platform, architecture and whether it was
 * asked to run under emulation. Implementations probe the host once per such key.
 */
public interface Drivers {

    MachineDriver driver(Plat plat, Arch arch, boolean emulation);

    default MachineDriver driver(MachineSpec spec) {
        return driver(spec.plat(), spec.arch(), spec.emulation());
    }
}
