/*
 * Lists what a newc CPIO archive (the initrd) holds, so tests can see what
 * reached the guest: one line per entry, and a regular file's first line.
 *
 *   initrd: <where>, <n> bytes
 *   initrd dir: /etc
 *   initrd file: /etc/motd: <first line> | (empty) | (binary)
 *   initrd link: /bin/sh -> busybox
 *   initrd: <n> entries
 *
 * Names are shown from "/" whether the archive writes "./etc" or "etc".
 * A malformed archive ends the listing with "initrd: malformed at <offset>".
 */
#include <uk/initrd.h>
#include <uk/plat.h>
#include <uk/print.h>

#define NEWC_HEADER	110
#define FIRST_LINE_MAX	60
#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_IFLNK		0120000

/* The 8 hex digits of field i (0 = ino ... 12 = check) after the magic. */
static unsigned long field(const char *h, int i)
{
	unsigned long v = 0;
	const char *p = h + 6 + 8 * i;
	int k;

	for (k = 0; k < 8; k++) {
		char c = p[k];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
	}
	return v;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static unsigned long align4(unsigned long n)
{
	return (n + 3) & ~3ul;
}

/* "/name", dropping a leading "./" or "/" the archive used. */
static void put_name(const char *name)
{
	if (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	uk_pr("/%s", name);
}

static void put_first_line(const char *data, unsigned long size)
{
	unsigned long i;

	if (!size) {
		uk_puts("(empty)");
		return;
	}
	for (i = 0; i < size && i < FIRST_LINE_MAX && data[i] != '\n'; i++) {
		unsigned char c = (unsigned char)data[i];

		if ((c < 0x20 && c != '\t') || c >= 0x7f) {
			uk_puts("(binary)");
			return;
		}
	}
	for (i = 0; i < size && i < FIRST_LINE_MAX && data[i] != '\n'; i++)
		ukplat_putc(data[i]);
}

void ukboot_list_initrd(const char *where, const char *start, unsigned long len)
{
	unsigned long off = 0, entries = 0;

	uk_pr("initrd: %s, %lu bytes\n", where, len);
	while (off + NEWC_HEADER <= len) {
		const char *h = start + off;
		const char *name = h + NEWC_HEADER;
		unsigned long mode, size, namesize;

		if (h[0] != '0' || h[1] != '7' || h[2] != '0' || h[3] != '7'
		    || h[4] != '0' || (h[5] != '1' && h[5] != '2'))
			break;
		mode = field(h, 1);
		size = field(h, 6);
		namesize = field(h, 11);
		if (!namesize || off + NEWC_HEADER + namesize > len
		    || name[namesize - 1] != '\0')
			break;
		off = align4(off + NEWC_HEADER + namesize);
		if (off + size > len)
			break;
		if (streq(name, "TRAILER!!!")) {
			uk_pr("initrd: %lu entries\n", entries);
			return;
		}
		off = align4(off + size);
		if (streq(name, ".") || streq(name, "./"))
			continue;
		entries++;
		switch (mode & S_IFMT) {
		case S_IFDIR:
			uk_puts("initrd dir: ");
			put_name(name);
			break;
		case S_IFREG:
			uk_puts("initrd file: ");
			put_name(name);
			uk_puts(": ");
			put_first_line(start + off - align4(size), size);
			break;
		case S_IFLNK:
			uk_puts("initrd link: ");
			put_name(name);
			uk_puts(" -> ");
			put_first_line(start + off - align4(size), size);
			break;
		default:
			uk_puts("initrd other: ");
			put_name(name);
			break;
		}
		uk_puts("\n");
	}
	uk_pr("initrd: malformed at %lu\n", off);
}
