/*
 * Weak stand-ins for libc functions, as Unikraft's syscall_shim gives them to
 * a kernel without a libc: a libc's own definition replaces each one.
 */
__attribute__((weak)) int getpid(void)
{
	return -1;
}
