#ifndef GREET_H
#define GREET_H

/* Prints "greet: <CONFIG_LIBGREET_WORD>, <who>!". */
void greet(const char *who);

#endif
