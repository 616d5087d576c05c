/*
 * t_sigchild.c - children that die by a signal are reported as such by
 * proc_join (EXIT_SIGNAL, wasix-abi.md 3.6 and section 6: not Wasmer's
 * "normal exit"): SIGKILL sent with proc_signal to a child blocked on a
 * pipe, and SIGTERM raised by a child itself (proc_raise).  A signal to a
 * finished-and-reaped pid does not disturb anyone.
 */
#include "t.h"

static void expect_signaled(pid_t pid, int sig)
{
	int st = -1;
	pid_t r;
	while ((r = wx_waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	CHECK(r == pid, "waitpid(%d) returned %d", (int)pid, (int)r);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig,
	      "pid %d: status 0x%x, want killed by signal %d", (int)pid, st,
	      sig);
	CHECK(!WIFEXITED(st), "signaled child also looks exited");
}

int main(void)
{
	int p[2];
	pid_t pid;
	int32_t e;

	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char c;
		close(p[1]);
		(void)read(p[0], &c, 1); /* blocks: nobody writes */
		exit(0);
	}
	close(p[0]);
	e = wx_raw_proc_signal(pid, 9);
	CHECK(e == 0, "proc_signal(%d, SIGKILL) returned %d", (int)pid,
	      (int)e);
	expect_signaled(pid, 9);
	close(p[1]);
	PASS("SIGKILL via proc_signal");

	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		wx_raw_proc_raise(15);
		exit(0); /* not reached if SIGTERM's default action runs */
	}
	expect_signaled(pid, 15);
	PASS("SIGTERM raised by the child");

	/* The parent survives children dying (SIGCHLD is ignored by
	 * default) and can still fork. */
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		exit(8);
	CHECK_EXIT(pid, 8);
	PASS("parent unaffected by SIGCHLD");
	return 0;
}
