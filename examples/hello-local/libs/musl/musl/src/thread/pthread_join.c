#include <pthread.h>

extern void *__thread_results[8];

int pthread_join(pthread_t t, void **result)
{
	if (result) *result = __thread_results[t % 8];
	return 0;
}
