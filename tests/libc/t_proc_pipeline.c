/* 16 MiB through a pipeline of processes, byte-exact: proc_produce |
 * proc_cat | proc_check, built once with fork + dup2 + exec and once with
 * posix_spawn and file actions.  The parent keeps no pipe end open, so
 * each stage sees EOF; the checker's verdict is its exit status. */
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

#define BYTES "16777216"

extern char **environ;

static int ends[4]; /* every pipe end: each stage closes them all */

static pid_t stage(const char *prog, const char *arg, int in, int out)
{
	pid_t p;
	fflush(stdout);
	p = libc_fork_exec(); /* the child sets up its fds and execs */
	if (p == 0) {
		if (in >= 0 && dup2(in, 0) < 0)
			_exit(120);
		if (out >= 0 && dup2(out, 1) < 0)
			_exit(121);
		for (int i = 0; i < 4; i++)
			close(ends[i]);
		execlp(prog, prog, arg, (char *)0);
		_exit(127);
	}
	return p;
}

static int status_of(pid_t p)
{
	int st = -1;
	CHECK_EQ(waitpid(p, &st, 0), p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

int main(void)
{
	int a[2], b[2];
	pid_t p1, p2, p3;

	/* fork + exec. */
	CHECK_EQ(pipe(a), 0);
	CHECK_EQ(pipe(b), 0);
	ends[0] = a[0], ends[1] = a[1], ends[2] = b[0], ends[3] = b[1];
	p1 = stage("proc_produce", BYTES, -1, a[1]);
	p2 = stage("proc_cat", NULL, a[0], b[1]);
	p3 = stage("proc_check", BYTES, b[0], -1);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	CHECK_EQ(status_of(p1), 0);
	CHECK_EQ(status_of(p2), 0);
	CHECK_EQ(status_of(p3), 0);
	printf("fork+exec pipeline done\n");
	fflush(stdout);

	/* posix_spawn with file actions. */
	CHECK_EQ(pipe(a), 0);
	CHECK_EQ(pipe(b), 0);
	{
		posix_spawn_file_actions_t f1, f2, f3;
		char *av1[] = {"proc_produce", BYTES, NULL};
		char *av2[] = {"proc_cat", NULL};
		char *av3[] = {"proc_check", BYTES, NULL};
		posix_spawn_file_actions_init(&f1);
		posix_spawn_file_actions_adddup2(&f1, a[1], 1);
		posix_spawn_file_actions_addclose(&f1, a[0]);
		posix_spawn_file_actions_addclose(&f1, a[1]);
		posix_spawn_file_actions_addclose(&f1, b[0]);
		posix_spawn_file_actions_addclose(&f1, b[1]);
		posix_spawn_file_actions_init(&f2);
		posix_spawn_file_actions_adddup2(&f2, a[0], 0);
		posix_spawn_file_actions_adddup2(&f2, b[1], 1);
		posix_spawn_file_actions_addclose(&f2, a[0]);
		posix_spawn_file_actions_addclose(&f2, a[1]);
		posix_spawn_file_actions_addclose(&f2, b[0]);
		posix_spawn_file_actions_addclose(&f2, b[1]);
		posix_spawn_file_actions_init(&f3);
		posix_spawn_file_actions_adddup2(&f3, b[0], 0);
		posix_spawn_file_actions_addclose(&f3, a[0]);
		posix_spawn_file_actions_addclose(&f3, a[1]);
		posix_spawn_file_actions_addclose(&f3, b[0]);
		posix_spawn_file_actions_addclose(&f3, b[1]);
		fflush(stdout);
		CHECK_EQ(posix_spawnp(&p1, "proc_produce", &f1, NULL, av1, environ), 0);
		CHECK_EQ(posix_spawnp(&p2, "proc_cat", &f2, NULL, av2, environ), 0);
		CHECK_EQ(posix_spawnp(&p3, "proc_check", &f3, NULL, av3, environ), 0);
		posix_spawn_file_actions_destroy(&f1);
		posix_spawn_file_actions_destroy(&f2);
		posix_spawn_file_actions_destroy(&f3);
	}
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	CHECK_EQ(status_of(p1), 0);
	CHECK_EQ(status_of(p2), 0);
	CHECK_EQ(status_of(p3), 0);
	printf("posix_spawn pipeline done\n");
	return libc_done();
}
