#include <string.h>

char *strcat(char *restrict dest, const char *restrict src)
{
	char *d = dest + strlen(dest);
	while ((*d++ = *src++));
	return dest;
}
