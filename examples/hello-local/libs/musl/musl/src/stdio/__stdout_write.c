#include <uk/plat.h>
#include "stdio_impl.h"

size_t __stdout_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ukplat_putc(s[i]);
	return n;
}
