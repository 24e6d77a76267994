/*
 * A deliberately small printf for the serial console: enough for the boot
 * messages and for libraries, with no dependency on libc or libgcc (only
 * 32-bit divisions).
 */
#include <stdarg.h>
#include <stdint.h>
#include <uk/plat.h>
#include <uk/print.h>

void uk_puts(const char *s)
{
	while (*s)
		ukplat_putc(*s++);
}

static void put_uint(uint32_t v, unsigned int base)
{
	char buf[11];
	int i = 0;

	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		ukplat_putc(buf[--i]);
}

void uk_pr(const char *fmt, ...)
{
	va_list ap;
	int32_t d;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			ukplat_putc(*fmt);
			continue;
		}
		if (*++fmt == 'l')	/* long is 32-bit here */
			fmt++;
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			uk_puts(s ? s : "(null)");
			break;
		}
		case 'c':
			ukplat_putc((char)va_arg(ap, int));
			break;
		case 'd':
			d = va_arg(ap, int32_t);
			if (d < 0) {
				ukplat_putc('-');
				put_uint(-(uint32_t)d, 10);
			} else {
				put_uint((uint32_t)d, 10);
			}
			break;
		case 'u':
			put_uint(va_arg(ap, uint32_t), 10);
			break;
		case 'p':
			uk_puts("0x");
			/* fall through */
		case 'x':
			put_uint(va_arg(ap, uint32_t), 16);
			break;
		case '\0':
			fmt--;	/* a lone '%' at the end */
			break;
		default:	/* "%%" and unknown conversions */
			ukplat_putc(*fmt);
			break;
		}
	}
	va_end(ap);
}
