/* A musl helloworld for the stand-in lib-musl: puts and printf, then exit. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
	(void)argv;
	puts("Hello world!");
	printf("%s has %d argument(s)\n", "main", argc);
	exit(0);
}
