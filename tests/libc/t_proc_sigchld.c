// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* A SIGCHLD handler that reaps with waitpid(-1, WNOHANG), as servers and
 * shells do: every child is reaped once, by the handler, while the parent
 * sleeps; then wait() has nothing left (ECHILD). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static volatile sig_atomic_t reaped, sum, calls;

static void on_chld(int sig)
{
	int st;
	pid_t p;
	(void)sig;
	calls++;
	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		reaped++;
		sum += WEXITSTATUS(st);
	}
}

int main(void)
{
	struct sigaction sa;
	int i, st;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	for (i = 1; i <= 6; i++) {
		fflush(stdout);
		pid_t p = fork();
		CHECK(p >= 0);
		if (p == 0)
			_exit(i);
	}
	for (i = 0; i < 500 && reaped < 6; i++)
		usleep(10000);
	CHECK_EQ(reaped, 6);
	CHECK(calls >= 1);
	errno = 0;
	CHECK_EQ(wait(&st), -1);
	CHECK_EQ(errno, ECHILD);
	printf("reaped %d children in the handler, statuses sum to %d\n",
	       (int)reaped, (int)sum);
	return libc_done();
}
