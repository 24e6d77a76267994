/*
 * Multiboot v1 entry.  The loader (QEMU's -kernel, GRUB) starts us in 32-bit
 * protected mode with paging and interrupts off, %eax = 0x2BADB002 and %ebx
 * pointing at the multiboot information structure.  A 32-bit kernel needs no
 * mode switch, so all we do is set up a stack, clear .bss and call C.
 */
#define MB_MAGIC	0x1BADB002
#define MB_FLAGS	0		/* ELF image: no load-address fields needed */

	.section .multiboot, "a"	/* linked first: within the first 8 KiB */
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.text
	.globl _start
_start:
	cli
	cld
	movl	$boot_stack_top, %esp
	movl	%eax, %esi		/* keep magic and info pointer... */
	movl	%ebx, %ebp		/* ...across the rep stosb below */

	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	pushl	%ebp			/* _ukplat_entry(magic, info) */
	pushl	%esi
	call	_ukplat_entry
1:	cli
	hlt
	jmp	1b

	.bss
	.align 16
boot_stack:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
