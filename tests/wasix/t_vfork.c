/*
 * t_vfork.c - vfork (proc_fork with copy_memory = 0): the child runs in
 * the parent's memory with its own pid and its own copy of the fd table;
 * the parent resumes, with the child's pid, only when the child exits or
 * execs.  Covered: vfork + _exit (both proc_exit2 and preview1 proc_exit),
 * vfork + dup2 of a pipe end + exec of a helper, vfork + failed exec,
 * exec'd pid = vfork's pid, and repeated vforks.
 */
#include "t.h"

#include <wasi/api.h>

static volatile int shared_flag;
static volatile pid_t child_saw_pid;
static volatile pid_t child_saw_ppid;
static volatile int child_errno;

static void test_exit(int use_proc_exit2, int code)
{
	pid_t me = wx_getpid(), pid;
	int st;

	shared_flag = 0;
	child_saw_pid = -1;
	fflush(NULL);
	pid = wx_vfork();
	CHECK(pid >= 0, "vfork");
	if (pid == 0) {
		/* The child: shared memory, a new identity. */
		shared_flag = 1;
		child_saw_pid = wx_getpid();
		child_saw_ppid = wx_getppid();
		if (use_proc_exit2)
			wx__exit(code);
		_exit(code);
	}
	CHECK(wx_getpid() == me, "parent pid %d after vfork, want %d",
	      (int)wx_getpid(), (int)me);
	CHECK(shared_flag == 1, "the child's store is not visible: vfork "
	      "copied memory");
	CHECK(child_saw_pid == pid, "child ran as pid %d, vfork returned %d",
	      (int)child_saw_pid, (int)pid);
	CHECK(pid != me, "vfork returned the parent's pid");
	CHECK(child_saw_ppid == me, "child's ppid %d, want %d",
	      (int)child_saw_ppid, (int)me);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == code,
	      "status 0x%x, want exit %d", st, code);
	errno = 0;
	CHECK(wx_waitpid(pid, &st, WNOHANG) == -1 && errno == ECHILD,
	      "reaped twice");
}

static int filetype(int fd)
{
	__wasi_fdstat_t st;
	if (__wasi_fd_fdstat_get(fd, &st) != 0)
		return -1;
	return st.fs_filetype;
}

static void test_redirect_exec(void)
{
	int p[2], st;
	char buf[256];
	pid_t me = wx_getpid(), pid;
	int type1 = filetype(1);

	CHECK(wx_pipe(p) == 0, "pipe");
	fflush(NULL);
	pid = wx_vfork();
	CHECK(pid >= 0, "vfork");
	if (pid == 0) {
		char *argv[] = { "h_write", "hello from vfork", "1", "21",
				 NULL };
		if (wx_dup2(p[1], 1) < 0)
			wx__exit(97);
		close(p[0]);
		close(p[1]);
		wx_execv("/bin/h_write", argv);
		child_errno = errno;
		wx__exit(127);
	}
	/* The child's dup2/close hit its own table, not ours. */
	CHECK(filetype(1) == type1, "parent's fd 1 changed (type %d -> %d)",
	      type1, filetype(1));
	CHECK(close(p[1]) == 0, "parent's write end was closed by the child");
	CHECK(t_read_all(p[0], buf, sizeof(buf)) >= 0, "read");
	close(p[0]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 21,
	      "status 0x%x (child errno %d), want exit 21", st, child_errno);
	CHECK(strcmp(buf, "hello from vfork\n") == 0, "pipe gave '%s'", buf);
	CHECK(wx_getpid() == me, "pid changed");
	PASS("vfork + dup2 + exec");
}

static void test_exec_pid(void)
{
	int p[2], st, xpid = -1, xppid = -1;
	char buf[256];
	pid_t me = wx_getpid(), pid;

	CHECK(wx_pipe(p) == 0, "pipe");
	fflush(NULL);
	pid = wx_vfork();
	CHECK(pid >= 0, "vfork");
	if (pid == 0) {
		char *argv[] = { "h_pid", "5", NULL };
		if (wx_dup2(p[1], 1) < 0)
			wx__exit(97);
		close(p[0]);
		close(p[1]);
		wx_execv("/bin/h_pid", argv);
		child_errno = errno;
		wx__exit(127);
	}
	close(p[1]);
	CHECK(t_read_all(p[0], buf, sizeof(buf)) >= 0, "read");
	close(p[0]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "status 0x%x (child errno %d)", st, child_errno);
	CHECK(sscanf(buf, "pid=%d ppid=%d", &xpid, &xppid) == 2,
	      "output '%s'", buf);
	CHECK(xpid == pid, "exec'd program has pid %d, vfork returned %d",
	      xpid, (int)pid);
	CHECK(xppid == me, "exec'd program has ppid %d, want %d", xppid,
	      (int)me);
	PASS("vfork + exec keeps the child's pid");
}

static void test_exec_fails(void)
{
	int st;
	pid_t pid;

	child_errno = 0;
	fflush(NULL);
	pid = wx_vfork();
	CHECK(pid >= 0, "vfork");
	if (pid == 0) {
		char *argv[] = { "nope", NULL };
		if (wx_execv("/bin/does-not-exist", argv) == 0)
			child_errno = -1;
		else
			child_errno = errno;
		wx__exit(127);
	}
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 127, "status 0x%x", st);
	CHECK(child_errno == ENOENT || child_errno == ENOEXEC,
	      "failed exec in the vfork child gave errno %d", child_errno);
	PASS("vfork + failed exec + _exit(127)");
}

/* The exec'd program must hold only the descriptors of the child's table:
 * once the parent closes the write end of the program's stdin pipe, the
 * program sees EOF (h_eof gives up after 5 s and exits 3). */
static void test_exec_eof(void)
{
	int p[2], st;
	pid_t pid;

	CHECK(wx_pipe(p) == 0, "pipe");
	fflush(NULL);
	pid = wx_vfork();
	CHECK(pid >= 0, "vfork");
	if (pid == 0) {
		char *argv[] = { "h_eof", "5000", NULL };
		if (wx_dup2(p[0], 0) < 0)
			wx__exit(97);
		close(p[0]);
		close(p[1]);
		wx_execv("/bin/h_eof", argv);
		child_errno = errno;
		wx__exit(127);
	}
	close(p[0]);
	CHECK(write(p[1], "abc", 3) == 3, "write");
	close(p[1]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x (3 = the exec'd program never saw EOF on its "
	      "stdin pipe after the parent closed the write end: its host "
	      "process still holds descriptors of the vfork parent)", st);
	PASS("vfork + exec: EOF once the parent closes its end");
}

/* vfork from a deeper call chain, the child returning through several
 * frames before it execs (as libc's vfork wrappers make it do). */
static pid_t __attribute__((noinline)) spawn_true(int depth)
{
	if (depth > 0) {
		volatile int pad[16];
		for (int i = 0; i < 16; i++)
			pad[i] = depth * i;
		pid_t r = spawn_true(depth - 1);
		return r + pad[0] * 0;
	}
	fflush(NULL);
	return wx_vfork();
}

static void test_repeat(void)
{
	for (int i = 0; i < 20; i++) {
		pid_t pid = spawn_true(i % 4);
		int st;
		CHECK(pid >= 0, "vfork #%d", i);
		if (pid == 0) {
			char *argv[] = { "true", NULL };
			wx_execv("/bin/true", argv);
			wx__exit(126);
		}
		CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid #%d", i);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "#%d status 0x%x", i, st);
	}
	PASS("20 vfork + exec /bin/true from varying depths");
}

int main(void)
{
	test_exit(1, 33);
	PASS("vfork + proc_exit2");
	test_exit(0, 34);
	PASS("vfork + proc_exit");
	test_exec_fails();
	test_redirect_exec();
	test_exec_pid();
	test_exec_eof();
	test_repeat();
	return 0;
}
