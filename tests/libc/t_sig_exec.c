/* exec keeps ignored signals ignored and resets caught ones to their
 * default (POSIX execve), with the dispositions set by the real libc's
 * signal(). */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static void on_sig(int sig)
{
	(void)sig;
}

int main(void)
{
	char path[512];
	int st = 0;
	pid_t pid;
	snprintf(path, sizeof(path), "%s/sig_report", libc_bin());
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK(signal(SIGUSR2, on_sig) != SIG_ERR);
	fflush(stdout);
	pid = libc_fork_exec(); /* the child only execs */
	if (pid == 0) {
		execl(path, "sig_report", (char *)NULL);
		_exit(127);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	printf("child: exited=%d status=%d\n", WIFEXITED(st),
	       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return libc_done();
}
