/*
 * t_fchdir.c - spawn fd operations CHDIR and FCHDIR: the child starts in
 * the directory named by a path, or by an open directory fd (mapped back
 * to its guest path), and prints it (/bin/h_cwd).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../guest/wasix.h"

static int run_cwd(struct wx_spawn_fd_op *op, const char *want)
{
	char *argv[] = {"/bin/h_cwd", NULL};
	int pipefd[2], st = 0, r;
	struct wx_spawn_fd_op ops[3];
	char buf[256];
	ssize_t n;
	size_t got = 0;
	pid_t pid;
	if (wx_pipe(pipefd) != 0)
		return 1;
	ops[0] = wx_spawn_dup2(pipefd[1], 1);
	ops[1] = wx_spawn_close(pipefd[0]);
	ops[2] = *op;
	if (wx_spawn(&pid, "/bin/h_cwd", ops, 3, argv, NULL, 0) != 0) {
		printf("FAIL: spawn: errno %d\n", errno);
		return 1;
	}
	close(pipefd[1]);
	while ((n = read(pipefd[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(pipefd[0]);
	while ((r = wx_waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (strcmp(buf, want) != 0) {
		printf("FAIL: child cwd '%s', want '%s'\n", buf, want);
		return 1;
	}
	return 0;
}

int main(void)
{
	struct wx_spawn_fd_op op;
	const char *dir = "/tmp/fchdir-target";
	int dfd, fail = 0;
	mkdir(dir, 0755);
	memset(&op, 0, sizeof(op));
	op.cmd = WX_SPAWN_OP_CHDIR;
	op.path = (uint32_t)(uintptr_t)dir;
	op.path_len = (uint32_t)strlen(dir);
	fail |= run_cwd(&op, "/tmp/fchdir-target\n");
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		printf("FAIL: open dir: errno %d\n", errno);
		return 1;
	}
	memset(&op, 0, sizeof(op));
	op.cmd = WX_SPAWN_OP_FCHDIR;
	op.fd = dfd;
	fail |= run_cwd(&op, "/tmp/fchdir-target\n");
	return fail;
}
