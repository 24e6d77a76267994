#include "stdio_impl.h"

int printf(const char *restrict fmt, ...)
{
	int ret;
	va_list ap;
	va_start(ap, fmt);
	ret = vfprintf(0, fmt, ap);
	va_end(ap);
	return ret;
}
