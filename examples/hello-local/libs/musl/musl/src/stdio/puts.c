#include "stdio_impl.h"

int puts(const char *s)
{
	if (fputs(s, 0) < 0) return -1;
	return __stdout_write("\n", 1) == 1 ? 0 : -1;
}
