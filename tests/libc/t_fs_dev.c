/* The device files every guest has, with or without a preopen for
 * them: /dev/null, /dev/zero, /dev/urandom, /dev/random, /dev/stdin,
 * /dev/stdout, /dev/stderr, /dev/fd/N. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	unsigned char buf[64];
	struct stat st;
	int fd, i, nz;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0);
	CHECK(write(fd, "gone", 4) == 4);
	CHECK(read(fd, buf, sizeof(buf)) == 0);
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode));
	close(fd);
	printf("/dev/null: write swallowed, read EOF\n");
	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(access("/dev/null", R_OK | W_OK) == 0);

	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 1, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	for (i = 0; i < (int)sizeof(buf); i++)
		CHECK_EQ(buf[i], 0);
	close(fd);
	printf("/dev/zero: zeros\n");

	fd = open("/dev/urandom", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 0, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf));
	for (i = nz = 0; i < (int)sizeof(buf); i++)
		nz += buf[i] != 0;
	CHECK(nz > 32);
	close(fd);
	fd = open("/dev/random", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, 16) == 16);
	close(fd);
	printf("/dev/urandom, /dev/random: bytes\n");

	fflush(stdout);
	fd = open("/dev/stdout", O_WRONLY);
	CHECK(fd >= 0);
	CHECK(write(fd, "via /dev/stdout\n", 16) == 16);
	close(fd);
	fd = open("/dev/fd/1", O_WRONLY);
	CHECK(fd >= 0);
	CHECK(write(fd, "via /dev/fd/1\n", 14) == 14);
	close(fd);
	fd = open("/dev/stderr", O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	fd = open("/dev/stdin", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, 1) == 0);
	close(fd);
	printf("/dev/stdin: EOF (it is /dev/null)\n");

	errno = 0;
	CHECK(open("/dev/no-such-device", O_RDONLY) == -1 && errno == ENOENT);
	printf("/dev/no-such-device: ENOENT %d\n", errno == ENOENT);
	errno = 0;
	CHECK(open("/dev/fd/77", O_RDONLY) == -1 && errno == ENOENT);
	printf("/dev/fd/77: ENOENT %d\n", errno == ENOENT);
	return libc_done();
}
