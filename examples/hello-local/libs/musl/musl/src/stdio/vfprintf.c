#include <math.h>
#include <string.h>
#include "stdio_impl.h"

/* %s, %d, %f (six decimals) and %%: enough to need math for floating point,
 * as musl's vfprintf needs frexpl and friends. */
static size_t out(const char *s, size_t n)
{
	return __stdout_write(s, n);
}

static size_t fmt_u(unsigned long x)
{
	char buf[16];
	int i = sizeof buf;
	do {
		buf[--i] = '0' + x % 10;
		x /= 10;
	} while (x);
	return out(buf + i, sizeof buf - i);
}

static size_t fmt_fp(double x)
{
	size_t n = 0;
	if (x < 0) n += out("-", 1);
	x = fabs(x);
	double ip = floor(x);
	n += fmt_u((unsigned long)ip);
	n += out(".", 1);
	unsigned long frac = (unsigned long)floor((x - ip) * 1000000.0 + 0.5);
	char buf[6];
	for (int i = 5; i >= 0; i--, frac /= 10)
		buf[i] = '0' + frac % 10;
	return n + out(buf, 6);
}

int vfprintf(void *restrict f, const char *restrict fmt, va_list ap)
{
	size_t n = 0;
	(void)f;
	if (__towrite()) return -1;
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			n += out(fmt, 1);
			continue;
		}
		switch (*++fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			n += out(s, strlen(s));
			break;
		}
		case 'd': {
			int d = va_arg(ap, int);
			if (d < 0) n += out("-", 1);
			n += fmt_u(d < 0 ? -(unsigned long)d : (unsigned long)d);
			break;
		}
		case 'f':
			n += fmt_fp(va_arg(ap, double));
			break;
		default:
			n += out(fmt, 1);
		}
	}
	return n;
}
