// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* pipe + fork, fifty rounds: the child writes a line to the pipe or to
 * stdout and ends (return from a function, exit, _exit), the parent reads
 * the pipe and prints what came.  Every line exactly once, in order: the
 * parent is made to be busy, blocked in read or blocked in waitpid when
 * the child ends, so the child's SIGCHLD reaches it at each of those
 * points (with the real libc it once trapped in __wasm_signal). */
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

static int child_body(int round, int wfd)
{
	if (round % 2 == 0) {
		char line[64];
		int n = snprintf(line, sizeof(line), "round %d: via the pipe\n",
				 round);
		if (write(wfd, line, (size_t)n) != n)
			return 1;
	} else {
		printf("round %d: child on stdout\n", round);
	}
	return 0;
}

static void spin_ms(int ms)
{
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 <
	       ms);
}

int main(void)
{
	int round;
	for (round = 0; round < 50; round++) {
		int fds[2], st = -1;
		char buf[128];
		ssize_t n, tot = 0;
		pid_t p;
		CHECK_EQ(pipe(fds), 0);
		fflush(stdout);
		p = fork();
		CHECK(p >= 0);
		if (p == 0) {
			int r;
			close(fds[0]);
			r = child_body(round, fds[1]);
			switch (round % 3) {
			case 0:
				fflush(stdout);
				_exit(r);
			case 1:
				exit(r);
			default:
				return r;
			}
		}
		close(fds[1]);
		if (round % 5 == 1)
			spin_ms(3); /* the child ends while the parent computes */
		if (round % 5 == 2)
			CHECK_EQ(waitpid(p, &st, 0), p); /* before reading */
		while ((n = read(fds[0], buf + tot, sizeof(buf) - 1 - (size_t)tot)) > 0)
			tot += n;
		CHECK_EQ(n, 0);
		close(fds[0]);
		buf[tot] = '\0';
		if (tot > 0)
			printf("parent read: %s", buf);
		if (round % 5 != 2)
			CHECK_EQ(waitpid(p, &st, 0), p);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
		fflush(stdout);
	}
	printf("fifty rounds\n");
	return libc_done();
}
