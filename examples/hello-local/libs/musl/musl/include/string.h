#ifndef STRING_H
#define STRING_H
typedef __SIZE_TYPE__ size_t;
size_t strlen(const char *s);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memset(void *d, int c, size_t n);
int strcmp(const char *l, const char *r);
char *strchr(const char *s, int c);
char *strcat(char *restrict d, const char *restrict s);
#endif
