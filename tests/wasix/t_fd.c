/*
 * t_fd.c - the guest library's fd wrappers: dup, dup2 onto a free and onto
 * an open fd (the old file is closed, the source stays), dup2 to itself,
 * CLOEXEC set/clear, and that fork shares open file descriptions (one
 * offset) like POSIX.
 */
#include "t.h"

#include <fcntl.h>

static int fd_open(int fd)
{
	return wx_get_cloexec(fd) >= 0;
}

int main(void)
{
	int p[2], q[2], d, st;
	char c;

	CHECK(wx_pipe(p) == 0 && wx_pipe(q) == 0, "pipes");
	d = wx_dup(p[1]);
	CHECK(d >= 0 && d != p[1], "dup gave %d", d);
	CHECK(write(d, "a", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'a',
	      "dup'd write end");
	close(d);

	/* dup2 onto a free fd */
	CHECK(!fd_open(50), "fd 50 already open");
	CHECK(wx_dup2(p[1], 50) == 50, "dup2 onto a free fd");
	CHECK(write(50, "b", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'b',
	      "fd 50");
	CHECK(fd_open(p[1]), "dup2 closed its source");

	/* dup2 onto an open fd: q[1] now writes to p, and no other
	 * descriptor is left behind (the lowest free one stays free) */
	d = wx_dup(p[1]);
	CHECK(d >= 0, "dup");
	close(d);
	CHECK(wx_dup2(p[1], q[1]) == q[1], "dup2 onto an open fd");
	CHECK(!fd_open(d), "dup2 left fd %d open", d);
	CHECK(write(q[1], "c", 1) == 1 && read(p[0], &c, 1) == 1 && c == 'c',
	      "dup2 target writes to the new file");
	CHECK(fd_open(p[1]), "source closed");
	/* q's old write end was closed: q[0] sees EOF */
	CHECK(read(q[0], &c, 1) == 0, "q's old write end still open");

	CHECK(wx_dup2(p[1], p[1]) == p[1], "dup2 to itself");
	errno = 0;
	CHECK(wx_dup2(777, 51) == -1 && errno == EBADF, "dup2 of a bad fd");
	CHECK(!fd_open(51), "dup2 of a bad fd opened the target");

	CHECK(wx_set_cloexec(50, 1) == 0 && wx_get_cloexec(50) == 1, "set");
	d = wx_dup(50);
	CHECK(d >= 0 && wx_get_cloexec(d) == 0, "dup copied CLOEXEC");
	close(d);
	CHECK(wx_dup2(p[1], 50) == 50 && wx_get_cloexec(50) == 0,
	      "dup2 onto an open CLOEXEC fd must clear CLOEXEC");
	CHECK(wx_set_cloexec(50, 1) == 0, "set again");
	CHECK(wx_set_cloexec(50, 0) == 0 && wx_get_cloexec(50) == 0,
	      "clear");
	close(50);
	PASS("dup, dup2, cloexec");

	/* fork shares the file offset of a regular file */
	int fd = open("/tmp/t_fd_offset", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0, "open /tmp/t_fd_offset");
	CHECK(write(fd, "0123456789", 10) == 10, "write");
	CHECK(lseek(fd, 2, SEEK_SET) == 2, "lseek");
	pid_t pid = t_fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char b[3];
		CCHECK(read(fd, b, 3) == 3 && memcmp(b, "234", 3) == 0,
		       "child read");
		exit(0);
	}
	CHECK(wx_waitpid(pid, &st, 0) == pid && st == 0, "child 0x%x", st);
	CHECK(lseek(fd, 0, SEEK_CUR) == 5,
	      "offset after the child's read is %lld, want 5 (shared)",
	      (long long)lseek(fd, 0, SEEK_CUR));
	close(fd);
	PASS("fork shares file offsets");
	return 0;
}
