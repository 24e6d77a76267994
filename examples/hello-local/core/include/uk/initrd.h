/* The initrd a test kernel was given, listed on the console. */
#ifndef UK_INITRD_H
#define UK_INITRD_H

/* Prints where the archive came from, then one line per entry of the newc
 * CPIO archive at start (see lib/ukboot/initrd.c for the format). */
void ukboot_list_initrd(const char *where, const char *start, unsigned long len);

/* The archive linked into the kernel (CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD). */
extern const char __einitrd_start[], __einitrd_end[];

#endif
