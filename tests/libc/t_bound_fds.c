// wasixrt: --max-fds 64
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* The fd bound behaves as RLIMIT_NOFILE does (wasixrt --max-fds 64; the
 * native build sets RLIMIT_NOFILE to 64 itself): fds are numbered below
 * 64, open and pipe fail with EMFILE when none is free, dup2 onto 64 is
 * EBADF, F_DUPFD from 64 is EINVAL, a closed fd is reused, and a forked
 * child has the same bound. */
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

#define LIMIT 64

int main(void)
{
	int fd, last = -1, n = 0, p[2], st;
	pid_t pid;

#ifndef __wasi__
	struct rlimit rl = { LIMIT, LIMIT };
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
#endif
	errno = 0;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		last = fd;
		if (++n > 10 * LIMIT)
			break;
	}
	CHECK_EQ(fd, -1);
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(last, LIMIT - 1);
	printf("open: EMFILE after fd %d\n", last);
	errno = 0;
	CHECK(pipe(p) == -1 && errno == EMFILE);
	errno = 0;
	CHECK(dup(0) == -1 && errno == EMFILE);
	printf("pipe, dup: EMFILE\n");
	errno = 0;
	CHECK(dup2(0, LIMIT) == -1 && errno == EBADF);
	errno = 0;
	CHECK(fcntl(0, F_DUPFD, LIMIT) == -1 && errno == EINVAL);
	printf("dup2 to %d: EBADF, F_DUPFD from %d: EINVAL\n", LIMIT, LIMIT);
	/* dup2 below the bound replaces, and a freed number comes back. */
	CHECK_EQ(dup2(0, LIMIT - 1), LIMIT - 1);
	CHECK_EQ(close(40), 0);
	CHECK_EQ(open("/dev/null", O_RDONLY), 40);

	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* The child's table is a copy: full, with the same bound. */
		int ok = open("/dev/null", O_RDONLY) == -1 && errno == EMFILE;
		close(41);
		ok = ok && open("/dev/null", O_RDONLY) == 41 &&
		     open("/dev/null", O_RDONLY) == -1 && errno == EMFILE;
		_exit(ok ? 0 : 1);
	}
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("forked child: the same bound\n");
	return libc_done();
}
