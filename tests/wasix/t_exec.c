/*
 * t_exec.c - exec after fork and exec failures: the exec'd program keeps
 * the pid (and the parent), arguments and the environment arrive as given,
 * execvp searches PATH, CLOEXEC fds are closed across exec and the others
 * stay, and a failed exec returns ENOENT/ENOEXEC to a caller that goes on.
 */
#include "t.h"

#include <fcntl.h>

/* Fork, point the child's stdout at a pipe, run `fn` in the child (which
 * execs); collect the output into buf and return the exit status. */
static int run_child(void (*fn)(void *), void *arg, char *buf, size_t size)
{
	int p[2], st = -1;
	pid_t pid;

	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		CCHECK(wx_dup2(p[1], 1) == 1, "dup2");
		close(p[1]);
		fn(arg);
		T_FAIL_AT(T_CHILD_FAIL, "exec returned");
	}
	close(p[1]);
	CHECK(t_read_all(p[0], buf, size) >= 0, "read");
	close(p[0]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	*(pid_t *)arg = pid;
	return st;
}

static void exec_pid(void *arg)
{
	char *argv[] = { "h_pid", "23", NULL };
	(void)arg;
	wx_execv("/bin/h_pid", argv);
}

static void test_pid_kept(void)
{
	char buf[256];
	pid_t pid = 0, me = wx_getpid();
	int xpid = -1, xppid = -1;
	int st = run_child(exec_pid, &pid, buf, sizeof(buf));

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 23, "status 0x%x", st);
	CHECK(sscanf(buf, "pid=%d ppid=%d", &xpid, &xppid) == 2, "'%s'", buf);
	CHECK(xpid == pid, "exec'd program's pid %d, fork gave %d", xpid,
	      (int)pid);
	CHECK(xppid == me, "exec'd program's ppid %d, want %d", xppid,
	      (int)me);
	PASS("fork + exec keeps the pid");
}

static void exec_args(void *arg)
{
	char *argv[] = { "h_args", "one", "two words", "--env", "FOO", "BAR",
			 NULL };
	char *envp[] = { "FOO=foo value", "PATH=/bin", NULL };
	(void)arg;
	wx_execve("/bin/h_args", argv, envp);
}

static void test_args_env(void)
{
	char buf[512];
	pid_t pid = 0;
	int st = run_child(exec_args, &pid, buf, sizeof(buf));
	const char *want = "argc=6\n[h_args]\n[one]\n[two words]\n"
			   "FOO=foo value\nBAR=(unset)\n";

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	CHECK(strcmp(buf, want) == 0, "got:\n%s\nwant:\n%s", buf, want);
	PASS("execve passes argv and envp");
}

static void exec_path(void *arg)
{
	char *argv[] = { "h_args", "via PATH", NULL };
	(void)arg;
	setenv("PATH", "/nonexistent:/bin", 1);
	wx_execvp("h_args", argv);
}

static void exec_sh_script(void *arg)
{
	char *argv[] = { "not-wasm", NULL };
	(void)arg;
	setenv("PATH", "/tmp:/bin", 1);
	wx_execvp("not-wasm", argv);
}

static void test_execvp(void)
{
	char buf[512];
	pid_t pid = 0;
	int st = run_child(exec_path, &pid, buf, sizeof(buf));

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	CHECK(strcmp(buf, "argc=2\n[h_args]\n[via PATH]\n") == 0, "got '%s'",
	      buf);
	PASS("execvp searches PATH");
}

static int fd_keep, fd_cloexec;

static void exec_fds(void *arg)
{
	char a[16], b[16];
	char *argv[] = { "h_fds", a, b, NULL };
	(void)arg;
	snprintf(a, sizeof(a), "%d", fd_keep);
	snprintf(b, sizeof(b), "%d", fd_cloexec);
	wx_execv("/bin/h_fds", argv);
}

static void test_cloexec(void)
{
	char buf[256], want[64];
	int p[2], st;
	pid_t pid = 0;

	CHECK(wx_pipe(p) == 0, "pipe");
	fd_keep = p[0];
	fd_cloexec = p[1];
	CHECK(wx_get_cloexec(fd_keep) == 0, "a new pipe fd has CLOEXEC");
	CHECK(wx_set_cloexec(fd_cloexec, 1) == 0, "set CLOEXEC");
	CHECK(wx_get_cloexec(fd_cloexec) == 1, "CLOEXEC not set");
	st = run_child(exec_fds, &pid, buf, sizeof(buf));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	snprintf(want, sizeof(want), "%d open\n%d closed\n", fd_keep,
		 fd_cloexec);
	CHECK(strcmp(buf, want) == 0, "got:\n%swant:\n%s", buf, want);
	close(p[0]);
	close(p[1]);
	PASS("CLOEXEC fds close across exec, others stay");
}

/* After fork + exec the program sees EOF on its stdin pipe once the
 * parent closes the write end (h_eof exits 3 after 5 s otherwise). */
static void test_exec_eof(void)
{
	int p[2], st;
	pid_t pid;

	CHECK(wx_pipe(p) == 0, "pipe");
	pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char *argv[] = { "h_eof", "5000", NULL };
		CCHECK(wx_dup2(p[0], 0) == 0, "dup2");
		close(p[0]);
		close(p[1]);
		wx_execv("/bin/h_eof", argv);
		T_FAIL_AT(T_CHILD_FAIL, "exec h_eof");
	}
	close(p[0]);
	CHECK(write(p[1], "abc", 3) == 3, "write");
	close(p[1]);
	CHECK(wx_waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x (3 = no EOF on the exec'd program's stdin)", st);
	PASS("fork + exec: EOF once the parent closes its end");
}

static void test_failures(void)
{
	char *argv[] = { "x", NULL };
	pid_t me = wx_getpid();
	int fd;

	errno = 0;
	CHECK(wx_execv("/bin/does-not-exist", argv) == -1 &&
	      (errno == ENOENT || errno == ENOEXEC),
	      "exec of a missing absolute path");
	errno = 0;
	CHECK(wx_execv("/nonexistent-dir/prog", argv) == -1 &&
	      (errno == ENOENT || errno == ENOEXEC),
	      "exec outside every preopen");
	errno = 0;
	setenv("PATH", "/bin", 1);
	CHECK(wx_execvp("no-such-command", argv) == -1 &&
	      (errno == ENOENT || errno == ENOEXEC),
	      "execvp of a missing command");
	/* A file that is not wasm (nor a "#!" script, which would run). */
	fd = open("/tmp/not-wasm", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0, "create /tmp/not-wasm");
	CHECK(write(fd, "echo hi, not wasm\n", 18) == 18, "write");
	close(fd);
	errno = 0;
	CHECK(wx_execv("/tmp/not-wasm", argv) == -1 &&
	      (errno == ENOEXEC || errno == EACCES),
	      "exec of a non-wasm file");
	/* Found by a PATH search, the same file is a shell script (POSIX
	 * execvp): /bin/sh runs it. */
	{
		char buf[256];
		pid_t pid = 0;
		int st = run_child(exec_sh_script, &pid, buf, sizeof(buf));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
		CHECK(strcmp(buf, "hi, not wasm\n") == 0, "got '%s'", buf);
	}
	/* A directory. */
	errno = 0;
	CHECK(wx_execv("/bin", argv) == -1, "exec of a directory");
	/* Still here, still the same process. */
	CHECK(wx_getpid() == me, "pid changed after failed execs");
	printf("still running after failed execs\n");
	PASS("failed exec returns and the caller goes on");
}

int main(void)
{
	test_failures();
	test_pid_kept();
	test_args_env();
	test_execvp();
	test_cloexec();
	test_exec_eof();
	return 0;
}
