/*
 * The boot flow of the test kernel: print the banner, the greeting, one line
 * per library built in and the command line; split off the environment and
 * the application's arguments; list the initrd (the multiboot module, the
 * embedded one); call main() when the application has one; then end the way
 * the configuration asks (HELLO_EXIT_CLEAN, HELLO_EXIT_CRASH,
 * HELLO_RUN_FOREVER).
 */
#include <uk/bits/name.h>
#include <uk/initrd.h>
#include <uk/lib.h>
#include <uk/plat.h>
#include <uk/print.h>

#define CMDLINE_MAX	4096
#define ARGV_MAX	64

/* The application may define main(); weak, so an app without one links. */
int main(int argc, char *argv[]) __attribute__((weak));

/*
 * Unikraft's init table, where its libraries register their init functions.
 * The test kernel registers none; the terminating entry alone gives the file
 * the section by which KraftKit (and kraft run) tell a Unikraft kernel from
 * any other ELF file.
 */
static const void *const uk_inittab_end
	__attribute__((used, section(".uk_inittab"))) = 0;

static char cmdline_copy[CMDLINE_MAX];
static char *argv[ARGV_MAX + 1];

/*
 * Split buf in place into words as Unikraft's ukargparse does: blanks
 * separate, single and double quotes group (and go), a backslash outside
 * single quotes takes the next character as it is.  Returns the count.
 */
static int split(char *buf, char **words, int max)
{
	char *in = buf, *out = buf, quote = 0;
	int n = 0, inword = 0;

	for (; *in && n <= max; in++) {
		char c = *in;

		if (!quote && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
			if (inword) {
				*out++ = '\0';
				inword = 0;
			}
			continue;
		}
		if (!inword) {
			if (n == max)
				break;
			words[n++] = out;
			inword = 1;
		}
		if (c == '\\' && quote != '\'' && in[1]) {
			*out++ = *++in;
		} else if (!quote && (c == '"' || c == '\'')) {
			quote = c;
		} else if (quote && c == quote) {
			quote = 0;
		} else {
			*out++ = c;
		}
	}
	if (inword)
		*out = '\0';
	return n;
}

static int is_dashes(const char *w)
{
	return w[0] == '-' && w[1] == '-' && w[2] == '\0';
}

/*
 * Unikraft 0.17's libposix-environ takes its variables from the kernel
 * parameter env.vars=[ "K=V" ... ] (uklibparam's array syntax); print each.
 * The brackets may stand alone or touch the first and last value.
 */
static void print_env(char **params, int n)
{
	const char *prefix = "env.vars=[";
	int i, j, inlist = 0;

	for (i = 0; i < n; i++) {
		char *w = params[i];

		if (!inlist) {
			for (j = 0; prefix[j] && w[j] == prefix[j]; j++)
				;
			if (prefix[j])
				continue;
			inlist = 1;
			w += j;
		}
		for (j = 0; w[j]; j++)
			;
		if (j && w[j - 1] == ']') {
			w[j - 1] = '\0';
			inlist = 0;
		}
		if (w[0])
			uk_pr("env: %s\n", w);
	}
}

/*
 * Unikraft 0.17's split (ukboot's early_init): argv[0] is the first word
 * (QEMU puts the kernel path there) or the image name.  Only when a "--"
 * follows at least one word after it are the words before it kernel
 * parameters; otherwise every word after the first is an application
 * argument, a leading "--" included.
 */
static int make_argv(const char *cmdline)
{
	char *words[ARGV_MAX];
	int i, n, dashes = 0, argc = 0;

	for (i = 0; i < CMDLINE_MAX - 1 && cmdline[i]; i++)
		cmdline_copy[i] = cmdline[i];
	cmdline_copy[i] = '\0';
	n = split(cmdline_copy, words, ARGV_MAX);

	for (i = 2; i < n; i++) {
		if (is_dashes(words[i])) {
			dashes = i;
			break;
		}
	}
	if (dashes)
		print_env(&words[1], dashes - 1);
	argv[argc++] = n ? words[0] : UK_IMAGE_NAME;
	for (i = dashes ? dashes + 1 : 1; i < n && argc < ARGV_MAX; i++)
		argv[argc++] = words[i];
	argv[argc] = 0;
	return argc;
}

void ukboot_main(char *cmdline, const char *initrd, unsigned long initrd_len)
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
	if (initrd)
		ukboot_list_initrd("multiboot module", initrd, initrd_len);
#ifdef CONFIG_LIBVFSCORE_AUTOMOUNT_EINITRD
	ukboot_list_initrd("embedded", __einitrd_start,
			   (unsigned long)(__einitrd_end - __einitrd_start));
#endif

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
