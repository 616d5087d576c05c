/* Signals with the default disposition in a program that installed no
 * handler, after fork (wasix-libc's fork registers __wasm_signal through
 * callback_signal): the child writing to a pipe nobody reads dies of
 * SIGPIPE, the parent ignores SIGCHLD.  wasixrt: it calls __wasm_signal
 * for them; wasix-libc's default-action pointer is only set once a
 * disposition was installed, so call_indirect traps ("uninitialized
 * element") in both processes.  dash: `yes | head -5`. */
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
