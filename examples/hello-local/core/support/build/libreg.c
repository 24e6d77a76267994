/*
 * Compiled once into every library with -DUK_LIBREG_NAME='"<lib>"' (see
 * build.mk).  The record only exists in the kernel when the library was
 * registered by its Makefile.uk and its objects were linked, so the boot
 * code's "lib: <name>" lines show what really got built in.
 */
#include <uk/lib.h>

UK_LIB_REGISTER(UK_LIBREG_NAME);
