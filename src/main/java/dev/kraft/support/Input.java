package dev.kraft.support;

/**
 * The user input a failure is about. Domain code names the input and says what is wrong with
 * it; the CLI names it the way the user gave it (a flag, a setting), so renaming a flag touches
 * only the CLI.
 */
public enum Input {
    MACHINE_NAME,
    PORT,
    VOLUME,
    NETWORK,
    MEMORY,
    CPUS,
    EMULATION,
    ARCH,
    PLAT,
    /** A platform and an architecture together, {@code qemu/x86_64}. */
    PLATFORM,
    ENV,
    ROOTFS,
    NO_CONFIGURE,
    STRATEGY,
    OFFLINE,
    /** What would have done it anyway (removing a running machine): the CLI says how to ask for it. */
    FORCE,
    /** Going online, which failed (no network, a host that cannot be reached): the CLI says how to work from the cache instead. */
    ONLINE
}
