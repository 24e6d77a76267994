/* The hello application: the kernel calls main() after its boot messages. */
#include <uk/print.h>
#ifdef CONFIG_LIBGREET
#include <greet.h>	/* found through libgreet's CINCLUDES-y */
#endif

int main(int argc, char *argv[])
{
	uk_pr("main: argc=%d\n", argc);
#ifdef CONFIG_APPHELLO_PRINT_ARGS
	for (int i = 0; i < argc; i++)
		uk_pr("main: argv[%d]=%s\n", i, argv[i]);
#endif
#ifdef CONFIG_LIBGREET
	greet("hello");
#endif
	return 0;
}
