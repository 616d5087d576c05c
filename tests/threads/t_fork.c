/* t_fork.c - fork from a multi-threaded process: only the calling thread
 * continues in the child (POSIX), nothing deadlocks, and the child can
 * start threads again. */
#include "../../guest/threads.h"
#include "../../guest/wasix.h"
#include "t.h"
#include <unistd.h>

static volatile int32_t stop;
static int32_t spins, child_count;

static void spinner(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST))
		__atomic_fetch_add(&spins, 1, __ATOMIC_SEQ_CST);
}

static void child_work(void *arg)
{
	int i;
	(void)arg;
	for (i = 0; i < 1000; i++)
		__atomic_fetch_add(&child_count, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
	wx_thr_t *t[4];
	int i, err, st = 0;
	pid_t pid;
	for (i = 0; i < 4; i++)
		t[i] = wx_thr_create(spinner, 0, i & 1, &err);
	while (__atomic_load_n(&spins, __ATOMIC_SEQ_CST) < 1000)
		;
	pid = wx_fork();
	if (pid == 0) {
		int32_t before = __atomic_load_n(&spins, __ATOMIC_SEQ_CST);
		wx_thr_t *c[4];
		for (i = 0; i < 4; i++) {
			c[i] = wx_thr_create(child_work, 0, 1, &err);
			if (c[i] == NULL)
				_exit(10);
		}
		for (i = 0; i < 4; i++)
			wx_thr_wait(c[i]);
		/* The spinners were not copied: the count did not move. */
		if (__atomic_load_n(&spins, __ATOMIC_SEQ_CST) != before)
			_exit(11);
		_exit(child_count == 4000 ? 0 : 12);
	}
	CHECK(pid > 0, "fork failed");
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid failed");
	CHECK(WX_WIFEXITED(st) && WX_WEXITSTATUS(st) == 0,
	      "child status %#x", st);
	__atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < 4; i++)
		if (t[i] != NULL)
			wx_thr_wait(t[i]);
	return t_failures != 0;
}
