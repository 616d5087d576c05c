/*
 * t_nested.c - 20 generations: each process forks the next and waits for
 * it; the last exits 0 and each ancestor exits with its child's status + 1,
 * so the first process must see 20.  Every generation also checks that its
 * parent pid is the pid of the process that forked it and that its own pid
 * is new.
 */
#include "t.h"

#define GENERATIONS 20

int main(void)
{
	pid_t ancestors[GENERATIONS + 1];
	int depth = 0;

	ancestors[0] = wx_getpid();
	for (;;) {
		if (depth == GENERATIONS)
			exit(0);
		pid_t pid = t_fork();
		if (pid < 0)
			T_FAIL_AT(depth == 0 ? 1 : T_CHILD_FAIL,
				  "fork at depth %d", depth);
		if (pid == 0) {
			pid_t me = wx_getpid();
			depth++;
			CCHECK(wx_getppid() == ancestors[depth - 1],
			       "depth %d: ppid %d, want %d", depth,
			       (int)wx_getppid(), (int)ancestors[depth - 1]);
			for (int i = 0; i < depth; i++)
				CCHECK(ancestors[i] != me,
				       "depth %d reuses pid %d", depth, (int)me);
			ancestors[depth] = me;
			continue;
		}
		int st = -1;
		pid_t r = wx_waitpid(pid, &st, 0);
		if (r != pid || !WIFEXITED(st))
			T_FAIL_AT(depth == 0 ? 1 : T_CHILD_FAIL,
				  "depth %d: waitpid %d status 0x%x", depth,
				  (int)r, st);
		if (WEXITSTATUS(st) == T_CHILD_FAIL)
			exit(depth == 0 ? 1 : T_CHILD_FAIL);
		if (depth > 0)
			exit(WEXITSTATUS(st) + 1);
		CHECK(WEXITSTATUS(st) + 1 == GENERATIONS,
		      "the chain returned %d, want %d", WEXITSTATUS(st) + 1,
		      GENERATIONS);
		break;
	}
	PASS("20 nested generations");
	return 0;
}
