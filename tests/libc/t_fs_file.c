/* Regular files: lseek, pread/pwrite, truncate/ftruncate, access,
 * utimensat/futimens, O_APPEND, O_EXCL. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libc_test.h"

int main(void)
{
	struct timespec ts[2];
	struct stat st, st2;
	char buf[32];
	int fd;

	CHECK(chdir(libc_tmp()) == 0);
	fd = open("f", O_CREAT | O_RDWR | O_EXCL, 0640);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello world", 11) == 11);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 11);
	CHECK_EQ(lseek(fd, -5, SEEK_END), 6);
	CHECK(read(fd, buf, 5) == 5);
	printf("after SEEK_END-5: %.5s\n", buf);
	CHECK_EQ(lseek(fd, 20, SEEK_SET), 20);
	CHECK(write(fd, "!", 1) == 1);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 21);
	printf("sparse write: size %lld\n", (long long)st.st_size);
	errno = 0;
	CHECK(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL);
	printf("negative seek: EINVAL %d\n", errno == EINVAL);

	CHECK(pwrite(fd, "HELLO", 5, 0) == 5);
	CHECK(pread(fd, buf, 11, 0) == 11);
	printf("pread: %.11s\n", buf);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 21); /* unchanged by p* */
	CHECK(pread(fd, buf, 10, 100) == 0);

	CHECK(ftruncate(fd, 5) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 5);
	CHECK(truncate("f", 8) == 0);
	CHECK(stat("f", &st) == 0 && st.st_size == 8);
	CHECK(pread(fd, buf, 8, 0) == 8);
	CHECK(memcmp(buf, "HELLO\0\0\0", 8) == 0);
	printf("truncated: %lld\n", (long long)st.st_size);
	close(fd);

	errno = 0;
	CHECK(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST);
	printf("O_EXCL on existing: EEXIST %d\n", errno == EEXIST);
	fd = open("f", O_WRONLY | O_APPEND);
	CHECK(fd >= 0);
	CHECK(write(fd, "+", 1) == 1);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, "+", 1) == 1);
	close(fd);
	CHECK(stat("f", &st) == 0 && st.st_size == 10);
	printf("append: size %lld\n", (long long)st.st_size);

	CHECK(access("f", F_OK) == 0);
	CHECK(access("f", R_OK | W_OK) == 0);
	CHECK(access("missing", F_OK) == -1 && errno == ENOENT);
	printf("access: ok\n");

	ts[0].tv_sec = 1000000000;
	ts[0].tv_nsec = 5000;
	ts[1].tv_sec = 1200000000;
	ts[1].tv_nsec = 0;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0) == 0);
	CHECK(stat("f", &st) == 0);
	printf("utimensat: atime %lld mtime %lld\n", (long long)st.st_atime,
	       (long long)st.st_mtime);
	CHECK(st.st_mtime == 1200000000 && st.st_atime == 1000000000);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	fd = open("f", O_RDONLY);
	CHECK(futimens(fd, ts) == 0);
	CHECK(fstat(fd, &st) == 0);
	CHECK(st.st_atime == 1000000000 && st.st_mtime == 1300000000);
	printf("futimens omit atime: %lld %lld\n", (long long)st.st_atime,
	       (long long)st.st_mtime);
	errno = 0;
	CHECK(write(fd, "x", 1) == -1 && errno == EBADF);
	printf("write to O_RDONLY: EBADF %d\n", errno == EBADF);
	close(fd);

	/* Opening: a file as a directory, a directory for writing, O_TRUNC. */
	errno = 0;
	CHECK(open("f/", O_RDONLY) == -1 && errno == ENOTDIR);
	CHECK(open("f", O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR);
	printf("file as a directory: ENOTDIR %d\n", errno == ENOTDIR);
	errno = 0;
	CHECK(open(".", O_WRONLY) == -1 && errno == EISDIR);
	printf("directory for writing: EISDIR %d\n", errno == EISDIR);
	fd = open("f", O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
	CHECK(write(fd, "abc", 3) == 3);
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	close(fd);
	printf("O_TRUNC: emptied; fsync, fdatasync: ok\n");
	fd = open("f", O_RDONLY);
	errno = 0;
	CHECK(ftruncate(fd, 0) == -1 && errno == EINVAL);
	printf("ftruncate of O_RDONLY: EINVAL %d\n", errno == EINVAL);
	errno = 0;
	CHECK(posix_fallocate(fd, 0, 10) == EBADF);
	printf("posix_fallocate of O_RDONLY: EBADF\n");
	CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
	printf("fsync, fdatasync of O_RDONLY: ok\n");
	close(fd);
	fd = open("f", O_RDWR);
	CHECK(posix_fallocate(fd, 0, 100) == 0);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 100);
	printf("posix_fallocate: size %lld\n", (long long)st.st_size);
	CHECK(ftruncate(fd, 3) == 0);
	close(fd);

	/* utimensat on a symlink itself. */
	CHECK(symlink("f", "lnk") == 0);
	ts[0].tv_sec = 1100000000;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = 1100000000;
	ts[1].tv_nsec = 0;
	CHECK(stat("f", &st2) == 0);
	CHECK(utimensat(AT_FDCWD, "lnk", ts, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(lstat("lnk", &st) == 0 && st.st_mtime == 1100000000);
	CHECK(stat("f", &st) == 0 && st.st_mtime == st2.st_mtime);
	printf("utimensat NOFOLLOW: the link changed, not its target\n");
	CHECK(utimensat(AT_FDCWD, "lnk", ts, 0) == 0);
	CHECK(stat("f", &st) == 0 && st.st_mtime == 1100000000);
	CHECK(unlink("lnk") == 0);
	CHECK(unlink("f") == 0);
	return libc_done();
}
