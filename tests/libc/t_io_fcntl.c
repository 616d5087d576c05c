/* fd calls: dup, dup2, fcntl F_GETFD/F_SETFD, F_GETFL/F_SETFL (access
 * mode, O_APPEND, O_NONBLOCK), F_DUPFD, close of a bad fd. */
#include <fcntl.h>
#include <unistd.h>
#include "libc_test.h"

static const char *acc(int fl)
{
	switch (fl & O_ACCMODE) {
	case O_RDONLY: return "rdonly";
	case O_WRONLY: return "wronly";
	case O_RDWR: return "rdwr";
	default: return "?";
	}
}

int main(void)
{
	char buf[16];
	int fd, fd2, fd3, p[2], fl;

	CHECK(chdir(libc_tmp()) == 0);
	fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, "abcdef", 6) == 6);
	fd2 = dup(fd);
	CHECK(fd2 > fd);
	/* dup shares the offset. */
	CHECK(lseek(fd, 1, SEEK_SET) == 1);
	CHECK(read(fd2, buf, 2) == 2 && memcmp(buf, "bc", 2) == 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);
	printf("dup: offset shared\n");
	fd3 = dup2(fd, 30);
	CHECK_EQ(fd3, 30);
	CHECK(read(30, buf, 1) == 1 && buf[0] == 'd');
	CHECK(dup2(30, 30) == 30);
	CHECK(close(30) == 0);
	errno = 0;
	CHECK(close(30) == -1 && errno == EBADF);
	CHECK(dup2(99, 31) == -1 && errno == EBADF);
	/* One fd onto several (as daemons do with /dev/null): it stays. */
	CHECK(dup2(fd, 32) == 32 && dup2(fd, 33) == 33 && dup2(fd, 32) == 32);
	CHECK(fcntl(fd, F_GETFD) == 0 && fcntl(33, F_GETFD) == 0);
	CHECK(lseek(33, 0, SEEK_SET) == 0 && read(32, buf, 1) == 1 &&
	      buf[0] == 'a');
	close(32);
	close(33);
	printf("dup2: ok, bad fds EBADF\n");
	fd3 = fcntl(fd, F_DUPFD, 40);
	CHECK(fd3 >= 40);
	close(fd3);

	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd2, F_GETFD), 0); /* per fd, not shared */
	printf("FD_CLOEXEC: per fd\n");
	fd3 = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	CHECK(fd3 >= 0 && fcntl(fd3, F_GETFD) == FD_CLOEXEC);
	close(fd3);

	fl = fcntl(fd, F_GETFL);
	printf("F_GETFL: %s, append %d\n", acc(fl), !!(fl & O_APPEND));
	CHECK(fcntl(fd, F_SETFL, fl | O_APPEND) == 0);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, "Z", 1) == 1);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 7);
	printf("O_APPEND set: write at the end\n");
	close(fd);
	close(fd2);
	fd = open("f", O_RDONLY);
	printf("F_GETFL of O_RDONLY: %s\n", acc(fcntl(fd, F_GETFL)));
	close(fd);
	fd = open("f", O_WRONLY);
	printf("F_GETFL of O_WRONLY: %s\n", acc(fcntl(fd, F_GETFL)));
	close(fd);

	CHECK(pipe(p) == 0);
	CHECK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK) == 0);
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	errno = 0;
	CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);
	printf("O_NONBLOCK pipe: EAGAIN %d\n", errno == EAGAIN);
	CHECK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK) == 0);
	CHECK(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
	CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0);
	CHECK((fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
	      (fcntl(p[1], F_GETFL) & O_NONBLOCK));
	CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
	      fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	errno = 0;
	CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);
	printf("pipe2(O_NONBLOCK|O_CLOEXEC): both ends\n");
	close(p[0]);
	close(p[1]);
	errno = 0;
	CHECK(fcntl(99, F_GETFD) == -1 && errno == EBADF);
	printf("fcntl on a bad fd: EBADF %d\n", errno == EBADF);
	return libc_done();
}
