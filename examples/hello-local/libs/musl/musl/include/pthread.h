#ifndef PTHREAD_H
#define PTHREAD_H
typedef unsigned long pthread_t;
typedef struct { int locked; } pthread_mutex_t;
int pthread_create(pthread_t *restrict t, const void *restrict attr, void *(*fn)(void *), void *restrict arg);
int pthread_join(pthread_t t, void **result);
pthread_t pthread_self(void);
int pthread_mutex_lock(pthread_mutex_t *m);
#endif
