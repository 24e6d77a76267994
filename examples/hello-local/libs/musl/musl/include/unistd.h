#ifndef UNISTD_H
#define UNISTD_H
typedef int pid_t;
pid_t getpid(void);
#endif
