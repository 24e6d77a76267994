/* musl's aliasing macros: another name for a definition, weak or strong. */
#ifndef LIBC_H
#define LIBC_H
#define weak_alias(old, new) \
	extern __typeof(old) new __attribute__((__weak__, __alias__(#old)))
#define strong_alias(old, new) \
	extern __typeof(old) new __attribute__((__alias__(#old)))
#define hidden __attribute__((__visibility__("hidden")))
#endif
