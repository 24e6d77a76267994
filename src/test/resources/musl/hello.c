/*
 * A musl helloworld for the stand-in lib-musl: puts and printf, then exit.
 * getpid is musl's (1) in a kernel with every musl source, where the core's
 * weak stand-in (-1) gives way: a trimmed kernel must print the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	(void)argv;
	puts("Hello world!");
	printf("%s has %d argument(s)\n", "main", argc);
	printf("pid %d\n", getpid());
	exit(0);
}
