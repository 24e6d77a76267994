/*
 * x86 platform code: the serial console on COM1, the machine exit through
 * QEMU's isa-debug-exit device, and the C entry point called by entry.S.
 */
#include <stdint.h>
#include <uk/plat.h>

#define COM1		0x3f8
#define DEBUG_EXIT	0x501	/* -device isa-debug-exit,iobase=0x501,iosize=2 */
#define ACPI_PM1A_CNT	0x604	/* where SeaBIOS puts PIIX4/ICH9 PM1a control */
#define MB_BOOT_MAGIC	0x2BADB002
#define MB_INFO_CMDLINE	(1u << 2)
#define MB_INFO_MODS	(1u << 3)

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void serial_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts: we poll */
	outb(COM1 + 3, 0x80);	/* DLAB on, to set the divisor */
	outb(COM1 + 0, 0x01);	/* divisor 1: 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8 bits, no parity, 1 stop bit, DLAB off */
	outb(COM1 + 2, 0xc7);	/* FIFOs on and cleared */
	outb(COM1 + 4, 0x03);	/* DTR, RTS */
}

void ukplat_putc(char c)
{
	/* Wait for an empty transmit register.  Without a UART the port
	 * reads 0xff, so this never hangs. */
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, (uint8_t)c);
}

void ukplat_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

void ukplat_exit(int crash)
{
	/* QEMU exits at once with (code << 1) | 1: 83 or 85. */
	outb(DEBUG_EXIT, crash ? 42 : 41);
	/* No isa-debug-exit device: a clean exit powers off through ACPI
	 * (QEMU then exits 0), like Unikraft; otherwise just stop. */
	if (!crash)
		outw(ACPI_PM1A_CNT, 0x2000);
	ukplat_halt();
}

void _ukplat_entry(uint32_t magic, const uint32_t *info)
{
	char *cmdline = "";
	const char *initrd = 0;
	uint32_t initrd_len = 0;
	const uint32_t *mod;

	serial_init();
	/* info[0] holds the flags, info[4] the physical address of the
	 * command line; paging is off, so that address is usable as is. */
	if (magic == MB_BOOT_MAGIC && info && (info[0] & MB_INFO_CMDLINE)
	    && info[4])
		cmdline = (char *)(uintptr_t)info[4];
	/* info[5] counts the modules, info[6] points at their list: start,
	 * end, string, reserved.  QEMU's -initrd is the first module. */
	if (magic == MB_BOOT_MAGIC && info && (info[0] & MB_INFO_MODS)
	    && info[5] > 0 && info[6]) {
		mod = (const uint32_t *)(uintptr_t)info[6];
		initrd = (const char *)(uintptr_t)mod[0];
		initrd_len = mod[1] - mod[0];
	}
	ukboot_main(cmdline, initrd, initrd_len);
}
