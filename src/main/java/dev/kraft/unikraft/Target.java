package dev.kraft.unikraft;

/**
 * One kernel a project builds: a name, a platform and an architecture, plus the Kconfig values
 * that only this target sets.
 */
public record Target(String name, Plat plat, Arch arch, KConfig kconfig) {

    /** The kernel's file name, as Unikraft writes it: {@code <name>_<plat>-<arch>}. */
    public String kernelName() {
        return name + "_" + plat.id() + "-" + arch.id();
    }

    /** How users name it on the command line: {@code plat/arch}. */
    public String platArch() {
        return plat.id() + "/" + arch.id();
    }
}
