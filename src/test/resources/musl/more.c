/* Needs more of musl than a helloworld: a thread and printf("%f"). MuslTrimIT builds it with
 * the test core's stand-in musl, bench/musl-trim.sh with the real one. It returns from main
 * rather than calling exit(), after which Unikraft 0.17 does not power the machine off. */
#include <pthread.h>
#include <stdio.h>

static void *half(void *arg)
{
	static double result;
	result = *(double *)arg / 2;
	return &result;
}

int main(void)
{
	pthread_t thread;
	double value = 7.25;
	void *result = 0;
	puts("Hello world!");
	int err = pthread_create(&thread, 0, half, &value);
	if (err) {
		printf("pthread_create failed: %d\n", err);
		return 1;
	}
	pthread_join(thread, &result);
	printf("half of %f is %f\n", value, *(double *)result);
	return 0;
}
