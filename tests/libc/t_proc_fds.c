// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* Descriptors through the real libc: pipe, pipe2 (O_CLOEXEC,
 * O_NONBLOCK), dup, dup2, dup3, fcntl F_DUPFD / F_DUPFD_CLOEXEC / F_GETFD
 * / F_SETFD / F_GETFL, and which of them an exec keeps (FD_CLOEXEC closes,
 * set by any of those routes); a fork's child shares the open file. */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static int reap(pid_t p)
{
	int st = 0;
	CHECK_EQ(waitpid(p, &st, 0), p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	int fds[2], nb[2], d, d2, d3, fl;
	char buf[64];

	CHECK_EQ(pipe(fds), 0);
	CHECK(fds[0] >= 0 && fds[1] > fds[0] - 2);
	CHECK_EQ(fcntl(fds[0], F_GETFD), 0);
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);

	/* pipe2: flags on both ends. */
	CHECK_EQ(pipe2(nb, O_CLOEXEC | O_NONBLOCK), 0);
	CHECK_EQ(fcntl(nb[0], F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	CHECK_EQ(fcntl(nb[1], F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	fl = fcntl(nb[0], F_GETFL);
	CHECK(fl >= 0 && (fl & O_NONBLOCK));
	errno = 0;
	CHECK_EQ(read(nb[0], buf, sizeof(buf)), -1);
	CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
	/* Clearing O_NONBLOCK again. */
	CHECK_EQ(fcntl(nb[0], F_SETFL, fl & ~O_NONBLOCK), 0);
	CHECK_EQ(fcntl(nb[0], F_GETFL) & O_NONBLOCK, 0);
	errno = 0;

	/* dup: lowest free, no CLOEXEC even from a CLOEXEC source. */
	d = dup(nb[1]);
	CHECK(d > nb[1] || d < nb[0]);
	CHECK_EQ(fcntl(d, F_GETFD), 0);
	CHECK_EQ(write(d, "x", 1), 1);
	CHECK_EQ(read(nb[0], buf, 1), 1);
	close(d);
	CHECK_EQ(dup(nb[1]), d); /* the lowest free number again */
	close(d);

	/* dup2 to a chosen number; onto itself is a no-op that returns it. */
	CHECK_EQ(dup2(fds[1], 40), 40);
	CHECK_EQ(fcntl(40, F_GETFD), 0);
	CHECK_EQ(dup2(40, 40), 40);
	CHECK_EQ(write(40, "y", 1), 1);
	CHECK_EQ(read(fds[0], buf, 1), 1);
	CHECK_EQ(buf[0], 'y');
	errno = 0;
	CHECK_EQ(dup2(1000, 41), -1);
	CHECK_EQ(errno, EBADF);
	errno = 0;
	CHECK_EQ(dup2(-1, 41), -1);
	CHECK_EQ(errno, EBADF);

	/* dup3 to a new number (wasix-libc's dup3 ignores its flags and
	 * does not refuse the same fd: not tested here). */
	CHECK_EQ(dup3(fds[1], 42, 0), 42);
	CHECK_EQ(fcntl(42, F_GETFD), 0);

	/* F_DUPFD: the lowest free at or above the argument. */
	d2 = fcntl(fds[1], F_DUPFD, 50);
	CHECK_EQ(d2, 50);
	CHECK_EQ(fcntl(d2, F_GETFD), 0);
	CHECK_EQ(fcntl(fds[1], F_DUPFD, 50), 51);
	close(51);
	d3 = fcntl(fds[1], F_DUPFD_CLOEXEC, 50);
	CHECK_EQ(d3, 51);
	CHECK_EQ(fcntl(d3, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	/* F_SETFD (wasix-libc's F_SETFD always sets FD_CLOEXEC, whatever
	 * the argument: clearing it is not tested here). */
	CHECK_EQ(fcntl(d2, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(d2, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	errno = 0;
	CHECK_EQ(fcntl(1000, F_GETFD), -1);
	CHECK_EQ(errno, EBADF);
	printf("dup family: ok\n");

	/* Across exec: 40 (dup2) and 42 (dup3) stay, 50 (F_SETFD), 51
	 * (F_DUPFD_CLOEXEC) and nb[*] (pipe2 O_CLOEXEC) close. */
	{
		char a[24], b[24];
		pid_t p;
		snprintf(a, sizeof(a), "pipe2-read:%d", nb[0]);
		snprintf(b, sizeof(b), "pipe2-write:%d", nb[1]);
		fflush(stdout);
		p = fork();
		if (p == 0) {
			execlp("proc_fds", "proc_fds", "dup2:40", "dup3:42",
			       "setfd-cloexec:50", "dupfd-cloexec:51", a, b,
			       (char *)0);
			_exit(127);
		}
		CHECK_EQ(reap(p), 0);
	}

	/* The write end closed everywhere: the reader sees EOF, even with a
	 * forked child and an exec in between. */
	close(40);
	close(42);
	close(50);
	close(51);
	{
		pid_t p;
		fflush(stdout);
		p = fork();
		if (p == 0) {
			/* The child's copy of the write end goes with it. */
			CHECK_EQ(write(fds[1], "from child\n", 11), 11);
			_exit(0);
		}
		close(fds[1]);
		CHECK_EQ(reap(p), 0);
		ssize_t n, tot = 0;
		while ((n = read(fds[0], buf + tot, sizeof(buf) - 1 - (size_t)tot)) > 0)
			tot += n;
		CHECK_EQ(n, 0);
		buf[tot] = '\0';
		printf("read to EOF: %s", buf);
	}

	/* A fork's child shares the file offset. */
	{
		char path[512];
		int fd;
		pid_t p;
		snprintf(path, sizeof(path), "%s/shared_offset", libc_tmp());
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
		CHECK(fd >= 0);
		CHECK_EQ(write(fd, "parent1 ", 8), 8);
		fflush(stdout);
		p = fork();
		if (p == 0) {
			(void)!write(fd, "child ", 6);
			_exit(0);
		}
		CHECK_EQ(reap(p), 0);
		CHECK_EQ(write(fd, "parent2", 7), 7);
		CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		CHECK(n > 0);
		buf[n > 0 ? n : 0] = '\0';
		printf("shared offset: %s\n", buf);
		close(fd);
	}
	printf("getpid %s getppid\n", getpid() != getppid() ? "!=" : "==");
	return libc_done();
}
