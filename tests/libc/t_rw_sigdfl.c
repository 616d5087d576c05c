// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* `yes | head` in a program that installed no handler: after fork the
 * child writes into a pipe whose reader closes it with data unread, and
 * dies of SIGPIPE's default action; the parent leaves SIGCHLD at its
 * default.  Once both trapped ("uninitialized element": wasix-libc's
 * default-action pointer is unset until a first sigaction); then the
 * child saw ECONNRESET without SIGPIPE in most runs (a WASIX pipe is a
 * host socketpair, which resets when closed with data unread). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	int p[2], st = 0;
	char b[2];
	pid_t c;
	CHECK(pipe(p) == 0);
	c = fork();
	if (c == 0) {
		close(p[0]);
		for (;;)
			if (write(p[1], "y\n", 2) < 0)
				_exit(3); /* EPIPE without the signal: wrong */
	}
	close(p[1]);
	CHECK_EQ(read(p[0], b, 2), 2);
	close(p[0]);
	CHECK(waitpid(c, &st, 0) == c);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE);
	printf("child died of signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return libc_done();
}
