/* The device files every guest has, with or without a preopen for
 * them: /dev/null, /dev/zero, /dev/urandom, /dev/random, /dev/stdin,
 * /dev/stdout, /dev/stderr, /dev/fd/N. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	unsigned char buf[64];
	struct stat st, st2;
	char path[32];
	static const char *const want[3] = { "null", "zero", "urandom" };
	int fd, i, nz, p[2], found = 0;
	struct dirent *de;
	DIR *d;

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

	/* The same file as fd 1 (Linux reopens it, BSD and wasixrt share
	 * the description: nothing is written through it here). */
	CHECK(fstat(1, &st) == 0);
	fd = open("/dev/stdout", O_WRONLY);
	CHECK(fd >= 0);
	CHECK(fstat(fd, &st2) == 0 && st2.st_ino == st.st_ino &&
	      st2.st_dev == st.st_dev);
	close(fd);
	fd = open("/dev/stderr", O_WRONLY);
	CHECK(fd >= 0);
	close(fd);
	printf("/dev/stdout, /dev/stderr: open\n");
	CHECK(pipe(p) == 0);
	snprintf(path, sizeof(path), "/dev/fd/%d", p[1]);
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0);
	CHECK(write(fd, "via /dev/fd/N", 13) == 13);
	close(fd);
	close(p[1]);
	memset(buf, 0, sizeof(buf));
	CHECK(read(p[0], buf, sizeof(buf) - 1) == 13);
	printf("pipe read: %s\n", buf);
	close(p[0]);
	fd = open("/dev/stdin", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(read(fd, buf, 1) == 0);
	close(fd);
	CHECK(stat("/dev/stdin", &st) == 0 && S_ISCHR(st.st_mode));
	printf("/dev/stdin: EOF (it is /dev/null)\n");

	d = opendir("/dev");
	CHECK(d != NULL);
	while (d != NULL && (de = readdir(d)) != NULL)
		for (i = 0; i < 3; i++)
			if (strcmp(de->d_name, want[i]) == 0)
				found |= 1 << i;
	if (d != NULL)
		closedir(d);
	CHECK_EQ(found, 7);
	printf("readdir /dev: null, zero, urandom listed\n");

	errno = 0;
	CHECK(open("/dev/null/", O_RDONLY) == -1 && errno == ENOTDIR);
	printf("/dev/null/: ENOTDIR %d\n", errno == ENOTDIR);
	/* No controlling terminal in the test harness: ENXIO on both. */
	errno = 0;
	fd = open("/dev/tty", O_RDWR);
	printf("/dev/tty: %s\n", fd >= 0 ? "opened" :
	       errno == ENXIO ? "ENXIO" : "other error");
	if (fd >= 0)
		close(fd);
	/* /dev as the working directory. */
	CHECK(chdir("/dev") == 0);
	CHECK(getcwd(path, sizeof(path)) != NULL && strcmp(path, "/dev") == 0);
	fd = open("null", O_WRONLY);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1);
	close(fd);
	printf("chdir /dev: cwd %s, null opens\n", path);
	errno = 0;
	CHECK(open("/dev/no-such-device", O_RDONLY) == -1 && errno == ENOENT);
	printf("/dev/no-such-device: ENOENT %d\n", errno == ENOENT);
	errno = 0;
	CHECK(open("/dev/fd/77", O_RDONLY) == -1 && errno == ENOENT);
	printf("/dev/fd/77: ENOENT %d\n", errno == ENOENT);
	return libc_done();
}
