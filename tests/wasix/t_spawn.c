/*
 * t_spawn.c - proc_spawn2 (posix_spawn): fd operations applied in the
 * child (dup2 of a pipe end onto stdout, closes), the spawned program's pid
 * and parent, PATH search, and failure for a missing program.
 */
#include "t.h"

static int spawn_capture(const char *path, char *const argv[], int search,
			 char *buf, size_t size, pid_t *pidp)
{
	int p[2], st = -1, e;
	struct wx_spawn_fd_op ops[3];
	pid_t pid = -1;

	CHECK(wx_pipe(p) == 0, "pipe");
	ops[0] = wx_spawn_dup2(p[1], 1);
	ops[1] = wx_spawn_close(p[1]);
	ops[2] = wx_spawn_close(p[0]);
	e = wx_spawn(&pid, path, ops, 3, argv, NULL, search);
	CHECK(e == 0, "spawn %s: error %d (%s)", path, e, strerror(e));
	CHECK(pid > 0, "spawn gave pid %d", (int)pid);
	close(p[1]);
	CHECK(t_read_all(p[0], buf, size) >= 0, "read");
	close(p[0]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid(%d)", (int)pid);
	*pidp = pid;
	return st;
}

int main(void)
{
	char buf[256];
	pid_t pid, me = wx_getpid();
	int st, xpid = -1, xppid = -1, e;

	char *echo_argv[] = { "echo", "spawned", "ok", NULL };
	st = spawn_capture("/bin/echo", echo_argv, 0, buf, sizeof(buf), &pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	CHECK(strcmp(buf, "spawned ok\n") == 0, "got '%s'", buf);
	PASS("spawn with dup2/close fd ops");

	char *pid_argv[] = { "h_pid", "12", NULL };
	st = spawn_capture("/bin/h_pid", pid_argv, 0, buf, sizeof(buf), &pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 12, "status 0x%x", st);
	CHECK(sscanf(buf, "pid=%d ppid=%d", &xpid, &xppid) == 2, "'%s'", buf);
	CHECK(xpid == pid && xppid == me,
	      "spawned pid/ppid %d/%d, want %d/%d", xpid, xppid, (int)pid,
	      (int)me);
	PASS("spawned pid and parent");

	setenv("PATH", "/bin", 1);
	char *echo2[] = { "echo", "found", NULL };
	st = spawn_capture("echo", echo2, 1, buf, sizeof(buf), &pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	CHECK(strcmp(buf, "found\n") == 0, "got '%s'", buf);
	PASS("spawn with PATH search");

	/* The parent's own fds are untouched by the child's ops. */
	int p[2];
	CHECK(wx_pipe(p) == 0, "pipe");
	struct wx_spawn_fd_op close_op = wx_spawn_close(p[1]);
	char *true_argv[] = { "true", NULL };
	e = wx_spawn(&pid, "/bin/true", &close_op, 1, true_argv, NULL, 0);
	CHECK(e == 0, "spawn true: %d", e);
	CHECK_EXIT(pid, 0);
	CHECK(write(p[1], "x", 1) == 1, "parent's fd closed by the child op");
	close(p[0]);
	close(p[1]);
	PASS("child fd ops leave the parent alone");

	char *none[] = { "none", NULL };
	pid = -1;
	e = wx_spawn(&pid, "/bin/does-not-exist", NULL, 0, none, NULL, 0);
	CHECK(e == ENOENT || e == ENOEXEC, "spawn of a missing program: %d",
	      e);
	errno = 0;
	CHECK(wx_waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD,
	      "a failed spawn left a child");
	PASS("spawn of a missing program fails");
	return 0;
}
