/* The exec family through the real libc, each in a forked or vforked
 * child whose status the parent reads: execve, execv, execvp (PATH
 * search), execl, execlp, execle; the errors (ENOENT, EACCES, ENOEXEC);
 * "#!" scripts whose interpreter is a program of the file system; exit
 * statuses and the pid through a chain of execs; the environment execve
 * gives. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

extern char **environ;

static char path_buf[4][512];

/* LIBC_BIN/name */
static const char *bin(int slot, const char *name)
{
	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", libc_bin(),
		 name);
	return path_buf[slot];
}

/* Wait for `p` and print how it ended under `what`. */
static int reap(const char *what, pid_t p)
{
	int st = 0;
	CHECK_EQ(waitpid(p, &st, 0), p);
	if (WIFEXITED(st))
		printf("%s: exit %d\n", what, WEXITSTATUS(st));
	else
		printf("%s: status %#x\n", what, st);
	fflush(stdout);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Run `how` in a forked child: it execs, or reports its errno as the
 * exit status (100 + errno's position in a short list). */
static int errno_code(int e)
{
	return e == ENOENT ? 1 : e == EACCES ? 2 : e == ENOEXEC ? 3
	       : e == ENOTDIR ? 4 : e == ELOOP ? 5 : 9;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (long long)strlen(text));
	close(fd);
	CHECK_EQ(chmod(path, mode), 0);
}

int main(void)
{
	pid_t p;
	char script[512], script2[512], text[1024], plain[512];

	/* vfork + execve + waitpid. */
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		char *av[] = {"proc_echo", "-s", "7", "vfork", "exec", NULL};
		execve(bin(0, "proc_echo"), av, environ);
		_exit(127);
	}
	CHECK(p > 0);
	CHECK_EQ(reap("vfork+execve", p), 7);

	/* fork + execv, an empty argument and one with spaces kept. */
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		char *av[] = {"proc_echo", "", "two words", "", "last", NULL};
		execv(bin(0, "proc_echo"), av);
		_exit(127);
	}
	CHECK_EQ(reap("execv", p), 0);

	/* execvp and execlp search PATH; execl takes a path. */
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		char *av[] = {"proc_echo", "-s", "3", "by PATH", NULL};
		execvp("proc_echo", av);
		_exit(100 + errno_code(errno));
	}
	CHECK_EQ(reap("execvp", p), 3);
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		execlp("proc_echo", "proc_echo", "-s", "4", "execlp", (char *)0);
		_exit(100 + errno_code(errno));
	}
	CHECK_EQ(reap("execlp", p), 4);
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		execl(bin(0, "proc_echo"), "proc_echo", "execl", (char *)0);
		_exit(100 + errno_code(errno));
	}
	CHECK_EQ(reap("execl", p), 0);

	/* execve's environment replaces the old one. */
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		char *av[] = {"proc_env", "ONE", "TWO", "PATH", NULL};
		char *ev[] = {"ONE=1", "TWO=zwei=2", NULL};
		execve(bin(0, "proc_env"), av, ev);
		_exit(127);
	}
	CHECK_EQ(reap("execve env", p), 0);
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		char *ev[] = {NULL};
		execle(bin(0, "proc_env"), "proc_env", "ONE", (char *)0, ev);
		_exit(127);
	}
	CHECK_EQ(reap("execle empty env", p), 0);

	/* Errors, reported to the caller, who goes on. */
	errno = 0;
	{
		char *av[] = {"nope", NULL};
		CHECK_EQ(execv(bin(0, "proc_no_such_program"), av), -1);
		CHECK_EQ(errno, ENOENT);
		errno = 0;
		CHECK_EQ(execvp("proc_no_such_program", av), -1);
		CHECK_EQ(errno, ENOENT);
		errno = 0;
		CHECK_EQ(execv(libc_bin(), av), -1); /* a directory */
		CHECK_EQ(errno, EACCES);
		errno = 0;
		CHECK_EQ(execv(bin(0, "proc_echo/x"), av), -1);
		CHECK_EQ(errno, ENOTDIR);
	}
	snprintf(plain, sizeof(plain), "%s/plain.txt", libc_tmp());
	write_file(plain, "this is not a program\n", 0755);
	errno = 0;
	{
		char *av[] = {"plain", NULL};
		CHECK_EQ(execv(plain, av), -1);
		CHECK_EQ(errno, ENOEXEC);
	}
	printf("errors: ok\n");

	/* "#!" scripts: interpreter, its one argument, the script's name,
	 * then the arguments after argv[0]. */
	snprintf(script, sizeof(script), "%s/script", libc_tmp());
	snprintf(text, sizeof(text), "#!%s  one arg \nbody\n",
		 bin(0, "proc_interp"));
	write_file(script, text, 0755);
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		char *av[] = {"ignored", "a", "b c", NULL};
		execv(script, av);
		_exit(100 + errno_code(errno));
	}
	CHECK_EQ(reap("script", p), 3);
	/* A script whose interpreter is a script. */
	snprintf(script2, sizeof(script2), "%s/script2", libc_tmp());
	snprintf(text, sizeof(text), "#!%s\n", script);
	write_file(script2, text, 0755);
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		execl(script2, "script2", "x", (char *)0);
		_exit(100 + errno_code(errno));
	}
	CHECK_EQ(reap("script of a script", p), 3);
	/* A missing interpreter: ENOENT. */
	snprintf(text, sizeof(text), "#!%s\n", bin(0, "proc_no_such_interp"));
	write_file(script2, text, 0755);
	errno = 0;
	CHECK_EQ(execl(script2, "script2", (char *)0), -1);
	CHECK_EQ(errno, ENOENT);

	/* Statuses and the pid through a chain of execs. */
	fflush(stdout);
	p = libc_fork_exec();
	if (p == 0) {
		execlp("proc_chain", "proc_chain", "5", "42", (char *)0);
		_exit(127);
	}
	CHECK_EQ(reap("chain of 5 execs", p), 42);

	/* execve in a child that has a child: the new image can still wait
	 * for it (children survive exec). */
#ifndef LIBC_EH
	fflush(stdout);
	p = fork();
	if (p == 0) {
		pid_t q = fork();
		if (q == 0)
			_exit(9);
		char num[16];
		snprintf(num, sizeof(num), "%d", (int)q);
		execlp("proc_echo", "proc_echo", "-s", "0", "exec with a child",
		       (char *)0);
		_exit(127);
	}
	CHECK_EQ(reap("exec with a child", p), 0);
#endif
	return libc_done();
}
