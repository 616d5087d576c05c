/* t_texec.c - exec from a thread other than the main one.
 *
 *   t_texec SELF            the test: SELF is this program's guest path
 *   t_texec SELF target N   what the tests exec: starts and joins a
 *                           thread, then exits with status N
 *
 * A worker thread forks and its child (where it is the only thread, as
 * POSIX has it) execs SELF: the new program runs, threads included, and
 * the parent sees its exit status.  The same with vfork.  exec from a
 * worker while the main thread still runs is refused: status 126 (a
 * deviation the README names). */
#include "../../guest/threads.h"
#include "../../guest/wasix.h"
#include "t.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *self;
static int32_t ran;
static int32_t child_status[2];

static void bump(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&ran, 1, __ATOMIC_SEQ_CST);
}

static void exec_target(const char *status)
{
	char *argv[] = {(char *)"t_texec", (char *)self, (char *)"target",
			(char *)status, NULL};
	wx_execv(self, argv);
	_exit(99); /* the exec failed */
}

/* Runs in a worker: fork (vfork when arg is non-NULL) and exec. */
static void spawner(void *arg)
{
	int use_vfork = arg != NULL, st = -1;
	pid_t pid = use_vfork ? wx_vfork() : wx_fork();
	if (pid == 0)
		exec_target(use_vfork ? "43" : "42");
	if (pid > 0 && wx_waitpid(pid, &st, 0) == pid)
		child_status[use_vfork] = st;
}

static void exec_now(void *arg)
{
	(void)arg;
	exec_target("44");
}

int main(int argc, char **argv)
{
	wx_thr_t *t;
	int err, st;
	pid_t pid;
	if (argc < 2) {
		printf("usage: t_texec SELF\n");
		return 2;
	}
	self = argv[1];
	if (argc == 4 && strcmp(argv[2], "target") == 0) {
		t = wx_thr_create(bump, 0, 1, &err);
		if (t == NULL)
			return 90;
		wx_thr_wait(t);
		return __atomic_load_n(&ran, __ATOMIC_SEQ_CST) == 1
			       ? atoi(argv[3])
			       : 91;
	}
	if (argc == 3 && strcmp(argv[2], "busy") == 0) {
		/* exec from a worker while this thread waits for it */
		t = wx_thr_create(exec_now, 0, 1, &err);
		if (t != NULL)
			wx_thr_wait(t);
		return 0;
	}
	t = wx_thr_create(spawner, 0, 1, &err);
	CHECK(t != NULL, "thread create: %d", err);
	if (t != NULL)
		wx_thr_wait(t);
	CHECK(WX_WIFEXITED(child_status[0]) &&
		      WX_WEXITSTATUS(child_status[0]) == 42,
	      "fork + exec from a worker: status %#x", child_status[0]);
	t = wx_thr_create(spawner, (void *)1, 1, &err);
	CHECK(t != NULL, "thread create: %d", err);
	if (t != NULL)
		wx_thr_wait(t);
	CHECK(WX_WIFEXITED(child_status[1]) &&
		      WX_WEXITSTATUS(child_status[1]) == 43,
	      "vfork + exec from a worker: status %#x", child_status[1]);
	/* and the main thread still works normally */
	pid = wx_fork();
	if (pid == 0)
		exec_target("45");
	st = -1;
	CHECK(pid > 0 && wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WX_WIFEXITED(st) && WX_WEXITSTATUS(st) == 45,
	      "fork + exec from main: status %#x", st);
	return t_failures != 0;
}
