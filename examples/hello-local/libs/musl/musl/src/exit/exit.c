#include <stdlib.h>
#include <uk/plat.h>
#include "libc.h"

/* Weak dummies, as musl's: the real ones (stdio's flush, atexit's handlers)
 * replace them only when something else needs their files. */
static void dummy(void)
{
}
weak_alias(dummy, __stdio_exit);
weak_alias(dummy, __funcs_on_exit);

_Noreturn void exit(int code)
{
	__funcs_on_exit();
	__stdio_exit();
	ukplat_exit(code != 0);
}
