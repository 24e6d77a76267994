#ifndef STDIO_H
#define STDIO_H
#include <stdarg.h>
typedef __SIZE_TYPE__ size_t;
int puts(const char *s);
int fputs(const char *restrict s, void *restrict f);
int printf(const char *restrict fmt, ...);
int vfprintf(void *restrict f, const char *restrict fmt, va_list ap);
#endif
