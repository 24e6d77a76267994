#include <pthread.h>
#include "libc.h"

/* One processor and no scheduler here: a thread runs to its end at once, and
 * its result waits for pthread_join. */
void *__thread_results[8];
hidden unsigned long __thread_count;

int pthread_create(pthread_t *restrict t, const void *restrict attr, void *(*fn)(void *), void *restrict arg)
{
	(void)attr;
	*t = ++__thread_count % 8;
	__thread_results[*t] = fn(arg);
	return 0;
}
