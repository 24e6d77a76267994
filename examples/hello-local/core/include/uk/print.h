/* Console output for the core and for libraries (serial port COM1). */
#ifndef UK_PRINT_H
#define UK_PRINT_H

/* Minimal printf: %s %c %d %u %x %p %%, with an optional 'l' (ignored). */
void uk_pr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void uk_puts(const char *s);

#endif
