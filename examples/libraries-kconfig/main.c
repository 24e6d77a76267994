#include <uk/print.h>

/* The libraries print their own lines; the app only says it ran. */
int main(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
	uk_pr("libdemo: main ran\n");
	return 0;
}
