package dev.kraft.machine;

/**
 * A guest that stopped in a state it cannot leave: the hypervisor still runs, nothing more will
 * happen. {@code accelerator} when hardware acceleration is to blame (KVM's "emulation
 * failure" on a nested host), where the same guest under emulation would run.
 */
public record VmFault(String message, boolean accelerator) {}
