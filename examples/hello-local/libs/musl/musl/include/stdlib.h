#ifndef STDLIB_H
#define STDLIB_H
_Noreturn void exit(int code);
int atexit(void (*fn)(void));
#endif
