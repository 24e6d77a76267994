#include <string.h>
#include "stdio_impl.h"

int fputs(const char *restrict s, void *restrict f)
{
	size_t n = strlen(s);
	(void)f;
	if (__towrite()) return -1;
	return __stdout_write(s, n) == n ? 0 : -1;
}
