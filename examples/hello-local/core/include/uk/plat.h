/* What the platform library (libkvmplat) offers the rest of the kernel. */
#ifndef UK_PLAT_H
#define UK_PLAT_H

void ukplat_putc(char c);

/* Stop the machine: isa-debug-exit code 41 (clean, QEMU exits 83) or 42
 * (crash, QEMU exits 85); never returns. */
void ukplat_exit(int crash) __attribute__((noreturn));

/* Halt the CPU forever with interrupts off. */
void ukplat_halt(void) __attribute__((noreturn));

/* Called by the platform once the console works; cmdline is the multiboot
 * command line ("" when the loader gave none), initrd the first multiboot
 * module (QEMU's -initrd) and its length, or 0 and 0. */
void ukboot_main(char *cmdline, const char *initrd, unsigned long initrd_len)
	__attribute__((noreturn));

#endif
