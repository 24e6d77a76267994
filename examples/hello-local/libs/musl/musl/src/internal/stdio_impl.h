#ifndef STDIO_IMPL_H
#define STDIO_IMPL_H
#include <stdio.h>
#include "libc.h"
hidden int __towrite(void);
hidden size_t __stdout_write(const char *s, size_t n);
#endif
