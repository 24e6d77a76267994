/*
 * The embedded initrd: the CPIO archive named by
 * CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH (a string in config.h), linked
 * into the kernel's read-only data as Unikraft's vfscore does.
 */
	.section .rodata.einitrd, "a"
	.balign 16
	.globl __einitrd_start
__einitrd_start:
	.incbin CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD_PATH
	.globl __einitrd_end
__einitrd_end:

	.section .note.GNU-stack, "", @progbits
