// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* ARG_MAX: exec and posix_spawn with 3 MiB of arguments or environment
 * fail with E2BIG (Linux's ARG_MAX is 2 MiB with the usual 8 MiB stack;
 * wasixrt's bound is 2 MiB), and 1.2 MiB still gets through. */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

#define CHUNK (100u << 10) /* under Linux's 128 KiB per string */

static char *make_strings(int n, char **v, const char *prefix)
{
	char *s;
	int i;
	for (i = 0; i < n; i++) {
		s = malloc(CHUNK);
		if (s == NULL)
			return NULL;
		memset(s, 'a' + i % 26, CHUNK - 1);
		s[CHUNK - 1] = '\0';
		memcpy(s, prefix, strlen(prefix));
		v[i] = s;
	}
	return v[0];
}

/* fork + exec argv/envp; returns the errno of the failed exec, or 0 and
 * reaps the child (which prints its own line). */
static int exec_errno(char *const argv[], char *const envp[])
{
	int pfd[2], e = 0, st;
	pid_t pid;
	CHECK_EQ(pipe(pfd), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		execve(argv[0], argv, envp);
		e = errno;
		(void)!write(pfd[1], &e, sizeof(e));
		_exit(127);
	}
	close(pfd[1]);
	if (read(pfd[0], &e, sizeof(e)) != (ssize_t)sizeof(e))
		e = 0;
	close(pfd[0]);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	return e;
}

int main(void)
{
	static char *big[40], *argv[44], *envp[44];
	char path[256];
	int i, e;
	pid_t pid;
	int st;

	snprintf(path, sizeof(path), "%s/bound_argsum", libc_bin());
	CHECK(make_strings(30, big, "X=") != NULL); /* 3 MiB */

	/* 3 MiB of arguments. */
	argv[0] = path;
	for (i = 0; i < 30; i++)
		argv[i + 1] = big[i];
	argv[31] = NULL;
	envp[0] = NULL;
	e = exec_errno(argv, envp);
	CHECK_EQ(e, E2BIG);
	printf("execve, 3 MiB of arguments: %s\n", e == E2BIG ? "E2BIG" : "?");

	/* 3 MiB of environment. */
	argv[1] = NULL;
	for (i = 0; i < 30; i++)
		envp[i] = big[i];
	envp[30] = NULL;
	e = exec_errno(argv, envp);
	CHECK_EQ(e, E2BIG);
	printf("execve, 3 MiB of environment: %s\n", e == E2BIG ? "E2BIG" : "?");

	/* posix_spawn reports it too. */
	e = posix_spawn(&pid, path, NULL, NULL, argv, envp);
	CHECK_EQ(e, E2BIG);
	printf("posix_spawn, 3 MiB of environment: %s\n",
	       e == E2BIG ? "E2BIG" : "?");

	/* 1.2 MiB gets through, arguments and environment both. */
	for (i = 0; i < 6; i++)
		argv[i + 1] = big[i];
	argv[7] = NULL;
	for (i = 0; i < 6; i++)
		envp[i] = big[10 + i];
	envp[6] = NULL;
	e = exec_errno(argv, envp);
	CHECK_EQ(e, 0);
	e = posix_spawn(&pid, path, NULL, NULL, argv, envp);
	CHECK_EQ(e, 0);
	if (e == 0) {
		CHECK_EQ(waitpid(pid, &st, 0), pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	return libc_done();
}
