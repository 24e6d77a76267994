/*
 * The boot flow of the test kernel: print the banner, the greeting, one line
 * per library built in and the command line; split off the application's
 * arguments; call main() when the application has one; then end the way the
 * configuration asks (HELLO_EXIT_CLEAN, HELLO_EXIT_CRASH, HELLO_RUN_FOREVER).
 */
#include <uk/bits/name.h>
#include <uk/lib.h>
#include <uk/plat.h>
#include <uk/print.h>

#define CMDLINE_MAX	4096
#define ARGV_MAX	64

/* The application may define main(); weak, so an app without one links. */
int main(int argc, char *argv[]) __attribute__((weak));

static char cmdline_copy[CMDLINE_MAX];
static char *argv[ARGV_MAX + 1];

/* Split buf in place on spaces and tabs; returns the number of words. */
static int split(char *buf, char **words, int max)
{
	int n = 0;

	while (*buf && n < max) {
		while (*buf == ' ' || *buf == '\t')
			*buf++ = '\0';
		if (!*buf)
			break;
		words[n++] = buf;
		while (*buf && *buf != ' ' && *buf != '\t')
			buf++;
	}
	return n;
}

/*
 * Unikraft's convention: kernel parameters, then "--", then the
 * application's arguments.  argv[0] is the first word (QEMU puts the kernel
 * path there) or the image name.  Without "--", every word after the first is
 * an application argument.
 */
static int make_argv(const char *cmdline)
{
	char *words[ARGV_MAX];
	int i, n, first = 1, argc = 0;

	for (i = 0; i < CMDLINE_MAX - 1 && cmdline[i]; i++)
		cmdline_copy[i] = cmdline[i];
	cmdline_copy[i] = '\0';
	n = split(cmdline_copy, words, ARGV_MAX);

	for (i = 0; i < n; i++) {
		if (words[i][0] == '-' && words[i][1] == '-'
		    && words[i][2] == '\0') {
			first = i + 1;
			break;
		}
	}
	argv[argc++] = n ? words[0] : UK_IMAGE_NAME;
	for (i = first; i < n && argc < ARGV_MAX; i++)
		argv[argc++] = words[i];
	argv[argc] = 0;
	return argc;
}

void ukboot_main(char *cmdline)
{
	const struct uk_lib_record *lib;
	int argc, i, rc;

	/* Start on a fresh line: firmware (SeaBIOS) may have printed on the
	 * same serial port without a final newline. */
	uk_pr("\nHello from %s (kraft test core %s)\n", UK_IMAGE_NAME,
	      UK_VERSION);
#ifdef CONFIG_HELLO_GREETING
	if (CONFIG_HELLO_GREETING[0])
		uk_pr("greeting: %s\n", CONFIG_HELLO_GREETING);
#endif
	for (lib = __uk_libs_start; lib < __uk_libs_end; lib++)
		uk_pr("lib: %s\n", lib->name);
	uk_pr("cmdline: %s\n", cmdline);

	argc = make_argv(cmdline);
	for (i = 1; i < argc; i++)
		uk_pr("arg: %s\n", argv[i]);

	if (main) {
		rc = main(argc, argv);
		uk_pr("main returned %d\n", rc);
	}

#if defined(CONFIG_HELLO_RUN_FOREVER)
	uk_pr("running forever\n");
	ukplat_halt();
#elif defined(CONFIG_HELLO_EXIT_CRASH)
	uk_pr("exit: crash\n");
	ukplat_exit(1);
#else
	uk_pr("exit: clean\n");
	ukplat_exit(0);
#endif
}
