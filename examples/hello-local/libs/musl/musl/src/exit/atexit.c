#include <stdlib.h>

static void (*funcs[8])(void);
static int count;

int atexit(void (*fn)(void))
{
	if (count == 8) return -1;
	funcs[count++] = fn;
	return 0;
}

void __funcs_on_exit(void)
{
	while (count) funcs[--count]();
}
