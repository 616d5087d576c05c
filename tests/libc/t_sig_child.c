// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* Signals between processes with the real libc: kill of a child (its
 * death by the signal seen in waitpid), a child that raise()s SIGTERM
 * dies of it, SIGCHLD with a handler, at its default (the parent never
 * installed any handler: nothing happens) and ignored. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

static volatile sig_atomic_t chld;

static void on_chld(int sig)
{
	if (sig == SIGCHLD)
		chld++;
}

static pid_t child_exiting(int code)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	CHECK(pid > 0);
	return pid;
}

static void report(const char *what, pid_t pid)
{
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	if (WIFSIGNALED(st))
		printf("%s: killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

int main(void)
{
	int fds[2];
	pid_t pid;
	char c;

	/* First: no handler was ever installed in this process, and a
	 * child's exit (SIGCHLD, default: ignore) changes nothing. */
	report("plain child", child_exiting(3));

	/* kill() of a child that waits on a pipe. */
	CHECK_EQ(pipe(fds), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		(void)read(fds[0], &c, 1);
		_exit(0);
	}
	close(fds[0]);
	CHECK_EQ(kill(pid, SIGTERM), 0);
	report("killed child", pid);
	close(fds[1]);

	/* A child that raises SIGTERM, SIGUSR1, SIGINT at their default. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(9);
	}
	report("raise(SIGTERM) child", pid);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGUSR1);
		_exit(9);
	}
	report("kill(self, SIGUSR1) child", pid);

	/* More default actions: abort(), a write to a pipe with no reader,
	 * a signal ignored then reset, the ones ignored by default, and a
	 * core-dumping one. */
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		abort();
	report("abort() child", pid);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int p2[2];
		if (pipe(p2) != 0)
			_exit(2);
		close(p2[0]);
		(void)write(p2[1], "x", 1);
		_exit(3);
	}
	report("write to a closed pipe", pid);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGUSR1, SIG_IGN);
		signal(SIGUSR1, SIG_DFL);
		raise(SIGUSR1);
		_exit(3);
	}
	report("SIGUSR1 ignored then default", pid);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		raise(SIGCHLD);
		raise(SIGWINCH);
		raise(SIGURG);
		_exit(4);
	}
	report("CHLD, WINCH, URG at default", pid);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		raise(SIGQUIT);
		_exit(4);
	}
	report("raise(SIGQUIT) child", pid);

	/* A child that ignores SIGTERM survives it. */
	CHECK_EQ(pipe(fds), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		raise(SIGTERM);
		close(fds[0]);
		(void)write(fds[1], "r", 1);
		_exit(5);
	}
	close(fds[1]);
	CHECK_EQ(read(fds[0], &c, 1), 1);
	close(fds[0]);
	report("child ignoring SIGTERM", pid);

	/* SIGCHLD with a handler. */
	CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
	report("child with SIGCHLD caught", child_exiting(4));
	{
		time_t start = time(NULL);
		while (chld == 0 && time(NULL) < start + 10)
			usleep(1000);
	}
	printf("SIGCHLD handler ran: %d\n", chld > 0);
	CHECK(chld >= 1);

	/* Back to the default, then ignored: nothing runs. */
	chld = 0;
	CHECK(signal(SIGCHLD, SIG_DFL) == on_chld);
	report("child with SIGCHLD default", child_exiting(6));
	CHECK(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(7);
	/* With SIGCHLD ignored no zombie is kept (XSI, Linux): waitpid
	 * waits for the child to end and then fails with ECHILD. */
	errno = 0;
	CHECK_EQ(waitpid(pid, NULL, 0), -1);
	printf("SIGCHLD ignored: waitpid errno ECHILD %d\n", errno == ECHILD);
	CHECK_EQ(errno, ECHILD);
	/* Two children that end before anyone waits: gone too. */
	{
		pid_t a = child_exiting(1), b = child_exiting(2);
		int k, r = 0;
		(void)a;
		(void)b;
		/* WNOHANG: 0 while one still runs, then ECHILD. */
		for (k = 0; k < 1000; k++) {
			errno = 0;
			if ((r = waitpid(-1, NULL, WNOHANG)) != 0)
				break;
			usleep(10000);
		}
		CHECK_EQ(r, -1);
		CHECK_EQ(errno, ECHILD);
	}
	printf("SIGCHLD ignored: handler calls %d\n", chld);
	CHECK_EQ(chld, 0);
	return libc_done();
}
