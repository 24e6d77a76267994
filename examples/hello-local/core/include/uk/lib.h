/* Library records: one per library linked into the kernel. */
#ifndef UK_LIB_H
#define UK_LIB_H

struct uk_lib_record {
	const char *name;
};

/*
 * Place a record in the .uk_libs section.  The linker script keeps the
 * section (KEEP) and brackets it with __uk_libs_start/__uk_libs_end, in link
 * order, i.e. the order of `make print-libs`.
 */
#define UK_LIB_REGISTER(libname)					\
	static const struct uk_lib_record __uk_lib_record		\
	__attribute__((used, section(".uk_libs"),			\
		       aligned(sizeof(void *)))) = { libname }

extern const struct uk_lib_record __uk_libs_start[], __uk_libs_end[];

#endif
