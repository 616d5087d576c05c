/*
 * forkbench.c - fork and vfork+exec latency with a given amount of touched
 * memory.  The same source builds natively (gcc, POSIX fork/posix_spawn)
 * and as a WASIX guest (clang --target=wasm32-wasi with guest/wasix.c:
 * proc_fork, proc_fork(0) + proc_exec3), so both sides do identical work.
 *
 *   forkbench fork MIB ITERS     touch MIB MiB, then ITERS x (fork, child
 *                                exits at once, parent waits)
 *   forkbench spawn PROG ITERS   ITERS x start PROG (vfork+exec in wasm,
 *                                posix_spawn natively) and wait for it
 * Prints "us=T" for every iteration, then "median_us=N" (the median of
 * them): run.sh pools the samples of several runs into one median.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __wasm__
#include "../../guest/wasix.h"
#define FORK() wx_fork()
#define WAIT(pid, st) wx_waitpid(pid, st, 0)
#else
#include <spawn.h>
#include <sys/wait.h>
#define FORK() fork()
#define WAIT(pid, st) waitpid(pid, st, 0)
extern char **environ;
#endif

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[n / 2];
}

static int start_prog(const char *prog)
{
	char *argv[] = {(char *)prog, NULL};
	int pid;
#ifdef __wasm__
	pid = wx_vfork();
	if (pid == 0) {
		wx_execv(prog, argv);
		_exit(127);
	}
#else
	if (posix_spawn(&pid, prog, NULL, NULL, argv, environ) != 0)
		return -1;
#endif
	return pid;
}

int main(int argc, char **argv)
{
	int iters, i, st;
	double *t;
	if (argc == 1)
		return 0; /* the exec target: do nothing */
	if (argc != 4)
		return 2;
	iters = atoi(argv[3]);
	t = calloc((size_t)iters, sizeof(*t));
	if (t == NULL)
		return 3;
	if (strcmp(argv[1], "fork") == 0) {
		size_t mib = (size_t)atol(argv[2]), k;
		volatile uint8_t *mem = malloc(mib << 20);
		if (mib && mem == NULL)
			return 4;
		/* One write per 4 KiB page: every page is really there. */
		for (k = 0; k < (mib << 20); k += 4096)
			mem[k] = (uint8_t)k;
		for (i = 0; i < iters; i++) {
			double t0 = now_us();
			int pid = FORK();
			if (pid == 0)
				_exit(0);
			if (pid < 0 || WAIT(pid, &st) != pid)
				return 5;
			t[i] = now_us() - t0;
		}
	} else {
		for (i = 0; i < iters; i++) {
			double t0 = now_us();
			int pid = start_prog(argv[2]);
			if (pid < 0 || WAIT(pid, &st) != pid)
				return 6;
			t[i] = now_us() - t0;
		}
	}
	for (i = 0; i < iters; i++)
		printf("us=%.1f\n", t[i]);
	printf("median_us=%.1f\n", median(t, iters));
	return 0;
}
