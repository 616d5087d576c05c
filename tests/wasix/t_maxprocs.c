/*
 * t_maxprocs.c N - run under `wasixrt run --max-procs N`: fork children
 * that stay alive (blocked on a pipe) until fork fails; it must fail with
 * EAGAIN once the run has N processes (this one included; N - 1 children),
 * tolerating one off for a limit that counts children only.  After the
 * children exit and are reaped, fork works again.
 */
#include "t.h"

#define MAXKIDS 256

int main(int argc, char **argv)
{
	pid_t kids[MAXKIDS];
	int n = 0, limit, go[2], st;
	pid_t pid;

	CHECK(argc == 2, "usage: t_maxprocs N");
	limit = atoi(argv[1]);
	CHECK(limit >= 1 && limit < MAXKIDS - 2, "bad N %d", limit);
	CHECK(wx_pipe(go) == 0, "pipe");
	for (;;) {
		pid = t_fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			char c;
			close(go[1]);
			/* Blocks until the parent closes the write end. */
			(void)read(go[0], &c, 1);
			exit(0);
		}
		kids[n++] = pid;
		if (n > limit + 1)
			break;
	}
	int fork_errno = errno;
	close(go[1]);
	close(go[0]);
	for (int i = 0; i < n; i++)
		CHECK_EXIT(kids[i], 0);
	CHECK(pid < 0, "forked %d children under --max-procs %d", n, limit);
	CHECK(fork_errno == EAGAIN, "fork failed with errno %d, want EAGAIN",
	      fork_errno);
	CHECK(n == limit - 1 || n == limit,
	      "fork failed after %d children, want %d (N - 1)", n, limit - 1);
	if (n != limit - 1)
		printf("note: the limit counts children only (%d)\n", n);
	printf("fork failed with EAGAIN after %d children\n", n);
	/* Slots are given back. */
	pid = t_fork();
	CHECK(pid >= 0, "fork after reaping");
	if (pid == 0)
		exit(4);
	CHECK_EXIT(pid, 4);
	errno = 0;
	CHECK(wx_waitpid(-1, &st, 0) == -1 && errno == ECHILD, "left over");
	PASS("max-procs");
	return 0;
}
