/*
 * t_fd.c - args, environ, clocks, random, and the fd_* functions on files
 * beneath the preopen (fd 3, guest path "/sb"), with good and bad
 * arguments.  Run as: t_fd.wasm one two  with --env T_FD=yes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "wasi_test.h"

static void test_args_env(int argc, char **argv)
{
	i32 n = -1, sz = -1;

	CHECK(argc == 3);
	CHECK(argc == 3 && strcmp(argv[1], "one") == 0 &&
	      strcmp(argv[2], "two") == 0);
	CHECK(strstr(argv[0], "t_fd") != NULL);
	CHECK(getenv("T_FD") != NULL && strcmp(getenv("T_FD"), "yes") == 0);
	CHECK(getenv("HOME") == NULL); /* only what --env gives */
	CHECK_ERR(raw_args_sizes_get(P(&n), P(&sz)), 0);
	CHECK(n == 3);
	CHECK(sz == (i32)(strlen(argv[0]) + 1 + 4 + 4));
	CHECK_ERR(raw_args_sizes_get(BADPTR, P(&sz)), E_FAULT);
	CHECK_ERR(raw_args_get(P(&n), BADPTR), E_FAULT);
	CHECK_ERR(raw_environ_sizes_get(P(&n), P(&sz)), 0);
	CHECK(n == 1 && sz == (i32)sizeof("T_FD=yes"));
}

static void test_clocks(void)
{
	uint64_t a = 0, b = 0, res = 0;
	struct timespec ts;
	int i;

	CHECK_ERR(raw_clock_time_get(1, 1, P(&a)), 0);
	CHECK_ERR(raw_clock_time_get(1, 1, P(&b)), 0);
	CHECK(b >= a && a > 0);
	for (i = 0; i < 4; i++) {
		CHECK_ERR(raw_clock_res_get(i, P(&res)), 0);
		CHECK(res > 0 && res <= 1000000000ull);
		CHECK_ERR(raw_clock_time_get(i, 0, P(&a)), 0);
	}
	CHECK_ERR(raw_clock_time_get(0, 1, P(&a)), 0);
	CHECK(a > 1600000000ull * 1000000000ull); /* after 2020 */
	CHECK_ERR(raw_clock_time_get(4, 1, P(&a)), E_INVAL);
	CHECK_ERR(raw_clock_res_get(99, P(&a)), E_INVAL);
	CHECK_ERR(raw_clock_time_get(1, 1, BADPTR), E_FAULT);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
	/* process cputime advances while we burn CPU */
	CHECK_ERR(raw_clock_time_get(2, 1, P(&a)), 0);
	for (volatile int k = 0; k < 3000000; k++)
		;
	CHECK_ERR(raw_clock_time_get(2, 1, P(&b)), 0);
	CHECK(b > a);
}

static void test_random(void)
{
	unsigned char buf[64] = { 0 }, zero[64] = { 0 };

	CHECK_ERR(raw_random_get(P(buf), sizeof(buf)), 0);
	CHECK(memcmp(buf, zero, sizeof(buf)) != 0);
	CHECK_ERR(raw_random_get(P(buf), 0), 0);
	CHECK_ERR(raw_random_get(BADPTR, 64), E_FAULT);
	CHECK_ERR(raw_random_get(P(buf), -1), E_FAULT);
	CHECK_ERR(__wasi_sched_yield(), 0);
}

static void test_prestat(void)
{
	__wasi_prestat_t ps;
	char name[16];

	CHECK_ERR(__wasi_fd_prestat_get(3, &ps), 0);
	CHECK(ps.tag == 0 && ps.u.dir.pr_name_len == 3);
	CHECK_ERR(raw_fd_prestat_dir_name(3, P(name), 3), 0);
	CHECK(memcmp(name, "/sb", 3) == 0);
	CHECK_ERR(raw_fd_prestat_dir_name(3, P(name), 2), E_NAMETOOLONG);
	CHECK_ERR(raw_fd_prestat_dir_name(3, BADPTR, 3), E_FAULT);
	CHECK_ERR(__wasi_fd_prestat_get(0, &ps), E_BADF);
	/* fd 4 is the virtual /dev every guest has. */
	CHECK_ERR(__wasi_fd_prestat_get(4, &ps), 0);
	CHECK(ps.tag == 0 && ps.u.dir.pr_name_len == 4);
	CHECK_ERR(raw_fd_prestat_dir_name(4, P(name), 4), 0);
	CHECK(memcmp(name, "/dev", 4) == 0);
	CHECK_ERR(__wasi_fd_prestat_get(5, &ps), E_BADF);
	CHECK_ERR(raw_fd_prestat_get(3, BADPTR), E_FAULT);
}

static void test_rw(void)
{
	const char *msg = "hello, wasi\n";
	char buf[64];
	__wasi_ciovec_t ciov[3];
	__wasi_iovec_t iov[2];
	__wasi_filesize_t pos;
	__wasi_size_t n;
	__wasi_fdstat_t st;
	__wasi_filestat_t fs;
	int fd = -1, rfd = -1;
	i32 badiov[2] = { BADPTR, 16 };

	CHECK_ERR(t_open(3, 0, "rw.txt", __WASI_OFLAGS_CREAT |
		  __WASI_OFLAGS_TRUNC, R_ALL, 0, &fd), 0);
	ciov[0].buf = (const uint8_t *)msg;
	ciov[0].buf_len = 7;
	ciov[1].buf = (const uint8_t *)msg + 7;
	ciov[1].buf_len = 0;
	ciov[2].buf = (const uint8_t *)msg + 7;
	ciov[2].buf_len = strlen(msg) - 7;
	CHECK_ERR(__wasi_fd_write(fd, ciov, 3, &n), 0);
	CHECK(n == strlen(msg));
	/* bad iovec array, bad buffer inside, bad result pointer */
	CHECK_ERR(raw_fd_write(fd, BADPTR, 1, P(&n)), E_FAULT);
	CHECK_ERR(raw_fd_write(fd, P(badiov), 1, P(&n)), E_FAULT);
	CHECK_ERR(raw_fd_write(fd, P(ciov), 0x20000000, P(&n)), E_FAULT);
	CHECK_ERR(__wasi_fd_tell(fd, &pos), 0);
	CHECK(pos == strlen(msg)); /* nothing written by the failed calls */
	CHECK_ERR(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos), 0);
	CHECK(pos == 0);
	iov[0].buf = (uint8_t *)buf;
	iov[0].buf_len = 5;
	iov[1].buf = (uint8_t *)buf + 5;
	iov[1].buf_len = sizeof(buf) - 5;
	CHECK_ERR(__wasi_fd_read(fd, iov, 2, &n), 0);
	CHECK(n == strlen(msg) && memcmp(buf, msg, n) == 0);
	CHECK_ERR(__wasi_fd_read(fd, iov, 2, &n), 0);
	CHECK(n == 0); /* EOF */
	CHECK_ERR(__wasi_fd_pread(fd, iov, 1, 7, &n), 0);
	CHECK(n == 5 && memcmp(buf, "wasi\n", 5) == 0);
	CHECK_ERR(__wasi_fd_pwrite(fd, ciov, 1, 100, &n), 0);
	CHECK(n == 7);
	CHECK_ERR(__wasi_fd_seek(fd, -3, __WASI_WHENCE_END, &pos), 0);
	CHECK(pos == 104);
	CHECK_ERR(__wasi_fd_seek(fd, 2, __WASI_WHENCE_CUR, &pos), 0);
	CHECK(pos == 106);
	CHECK_ERR(raw_fd_seek(fd, 0, 3, P(&pos)), E_INVAL);
	CHECK_ERR(__wasi_fd_seek(fd, -1000, __WASI_WHENCE_SET, &pos), E_INVAL);
	CHECK_ERR(raw_fd_seek(fd, 0, 0, BADPTR), E_FAULT);
	CHECK_ERR(__wasi_fd_filestat_get(fd, &fs), 0);
	CHECK(fs.size == 107 && fs.filetype == __WASI_FILETYPE_REGULAR_FILE);
	CHECK(fs.nlink == 1);
	CHECK_ERR(__wasi_fd_filestat_set_size(fd, 10), 0);
	CHECK_ERR(__wasi_fd_filestat_get(fd, &fs), 0);
	CHECK(fs.size == 10);
	CHECK_ERR(__wasi_fd_filestat_set_times(fd, 1000000000ull * 5, 1000000000ull * 7,
		  __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), 0);
	CHECK_ERR(__wasi_fd_filestat_get(fd, &fs), 0);
	CHECK(fs.atim == 5000000000ull && fs.mtim == 7000000000ull);
	CHECK_ERR(__wasi_fd_filestat_set_times(fd, 0, 0,
		  __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), E_INVAL);
	CHECK_ERR(__wasi_fd_filestat_set_times(fd, 0, 0, 0x10), E_INVAL);
	CHECK_ERR(__wasi_fd_allocate(fd, 0, 4096), 0);
	CHECK_ERR(__wasi_fd_filestat_get(fd, &fs), 0);
	CHECK(fs.size == 4096);
	CHECK_ERR(__wasi_fd_advise(fd, 0, 100, __WASI_ADVICE_SEQUENTIAL), 0);
	CHECK_ERR(__wasi_fd_advise(fd, 0, 100, 9), E_INVAL);
	CHECK_ERR(__wasi_fd_datasync(fd), 0);
	CHECK_ERR(__wasi_fd_sync(fd), 0);
	CHECK_ERR(__wasi_fd_fdstat_get(fd, &st), 0);
	CHECK(st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
	CHECK((st.fs_rights_base & R_FD_WRITE) && (st.fs_rights_base & R_FD_READ));
	CHECK_ERR(raw_fd_fdstat_get(fd, BADPTR), E_FAULT);
	CHECK_ERR(__wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND), 0);
	CHECK_ERR(__wasi_fd_fdstat_get(fd, &st), 0);
	CHECK(st.fs_flags == __WASI_FDFLAGS_APPEND);
	CHECK_ERR(__wasi_fd_fdstat_set_flags(fd, 0x40), E_INVAL);
	CHECK_ERR(__wasi_fd_write(fd, ciov, 1, &n), 0);
	CHECK_ERR(__wasi_fd_filestat_get(fd, &fs), 0);
	CHECK(fs.size == 4096 + 7); /* appended */

	/* read-only: writing is EBADF, and rights say so */
	CHECK_ERR(t_open(3, 0, "rw.txt", 0, R_FD_READ | R_FD_SEEK |
		  R_FD_FILESTAT_GET, 0, &rfd), 0);
	CHECK_ERR(__wasi_fd_write(rfd, ciov, 1, &n), E_BADF);
	CHECK_ERR(__wasi_fd_pwrite(rfd, ciov, 1, 0, &n), E_BADF);
	/* ftruncate of an fd not open for writing: POSIX's EINVAL */
	CHECK_ERR(__wasi_fd_filestat_set_size(rfd, 0), E_INVAL);
	CHECK_ERR(__wasi_fd_fdstat_get(rfd, &st), 0);
	CHECK(!(st.fs_rights_base & R_FD_WRITE));
	CHECK_ERR(__wasi_fd_read(rfd, iov, 1, &n), 0);
	CHECK(n == 5);
	/* rights can be dropped, never regained */
	CHECK_ERR(__wasi_fd_fdstat_set_rights(rfd, R_FD_SEEK, 0), 0);
	CHECK_ERR(__wasi_fd_read(rfd, iov, 1, &n), E_BADF);
	CHECK_ERR(__wasi_fd_fdstat_set_rights(rfd, R_FD_SEEK | R_FD_READ, 0),
		  E_NOTCAPABLE);

	/* renumber: rfd takes fd's place; fd's old file is closed */
	CHECK_ERR(__wasi_fd_renumber(rfd, fd), 0);
	CHECK_ERR(__wasi_fd_fdstat_get(rfd, &st), E_BADF);
	CHECK_ERR(__wasi_fd_fdstat_get(fd, &st), 0);
	CHECK(st.fs_rights_base == R_FD_SEEK);
	CHECK_ERR(__wasi_fd_renumber(fd, 77), E_BADF);
	CHECK_ERR(__wasi_fd_renumber(77, fd), E_BADF);
	CHECK_ERR(__wasi_fd_close(fd), 0);
	CHECK_ERR(__wasi_fd_close(fd), E_BADF);
	CHECK_ERR(__wasi_fd_close(-1), E_BADF);
	CHECK_ERR(__wasi_fd_write(1000, ciov, 1, &n), E_BADF);
	CHECK_ERR(__wasi_fd_read(-5, iov, 1, &n), E_BADF);

	/* directories: no read/write, seek is EBADF */
	CHECK_ERR(__wasi_fd_read(3, iov, 1, &n), E_BADF);
	CHECK_ERR(__wasi_fd_write(3, ciov, 1, &n), E_BADF);
	CHECK_ERR(__wasi_fd_fdstat_get(3, &st), 0);
	CHECK(st.fs_filetype == __WASI_FILETYPE_DIRECTORY);
}

static void test_stdio(void)
{
	__wasi_fdstat_t st;
	__wasi_filesize_t pos;
	const char *m = "stdout works\n";
	__wasi_ciovec_t c = { (const uint8_t *)m, strlen(m) };
	__wasi_size_t n;

	CHECK_ERR(__wasi_fd_fdstat_get(1, &st), 0);
	CHECK_ERR(__wasi_fd_write(1, &c, 1, &n), 0);
	CHECK(n == strlen(m));
	/* stdout is a pipe in run.sh: not seekable */
	CHECK(__wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos) != 0);
}

static void test_readdir(void)
{
	char buf[512], small[30];
	__wasi_size_t used = 0, used2 = 0;
	int fd, names = 0, i;
	DIR *d;
	struct dirent *de;

	CHECK(mkdir("/sb/rd", 0755) == 0);
	for (i = 0; i < 20; i++) {
		char p[64];
		snprintf(p, sizeof(p), "/sb/rd/entry-with-long-name-%02d", i);
		fd = open(p, O_CREAT | O_WRONLY, 0644);
		CHECK(fd >= 0);
		close(fd);
	}
	d = opendir("/sb/rd");
	CHECK(d != NULL);
	while (d && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "entry-", 6) == 0)
			names++;
	if (d)
		closedir(d);
	CHECK(names == 20);
	CHECK_ERR(t_open(3, 0, "rd", __WASI_OFLAGS_DIRECTORY,
		  R_FD_READDIR | R_PATH_OPEN, 0, &fd), 0);
	CHECK_ERR(raw_fd_readdir(fd, P(buf), sizeof(buf), 0, P(&used)), 0);
	CHECK(used == sizeof(buf)); /* more than fits */
	/* a tiny buffer is filled completely, ending in a partial entry */
	CHECK_ERR(raw_fd_readdir(fd, P(small), sizeof(small), 0, P(&used2)), 0);
	CHECK(used2 == sizeof(small));
	CHECK(memcmp(small, buf, sizeof(small)) == 0);
	/* resume from the first entry's d_next gives the second entry */
	{
		uint64_t next;
		memcpy(&next, buf, 8);
		CHECK(next == 1);
		CHECK_ERR(raw_fd_readdir(fd, P(small), sizeof(small), next,
					 P(&used2)), 0);
		{
			uint32_t namlen;
			memcpy(&namlen, buf + 16, 4);
			CHECK(memcmp(small, buf + 24 + namlen, sizeof(small)) == 0);
		}
	}
	CHECK_ERR(raw_fd_readdir(fd, BADPTR, 100, 0, P(&used)), E_FAULT);
	CHECK_ERR(raw_fd_readdir(fd, P(buf), sizeof(buf), 1000, P(&used)), 0);
	CHECK(used == 0);
	CHECK_ERR(__wasi_fd_close(fd), 0);
	/* readdir on a file */
	CHECK_ERR(t_open(3, 0, "rd/entry-with-long-name-00", 0, R_ALL, 0, &fd), 0);
	CHECK(raw_fd_readdir(fd, P(buf), sizeof(buf), 0, P(&used)) != 0);
	__wasi_fd_close(fd);
}

int main(int argc, char **argv)
{
	test_args_env(argc, argv);
	test_clocks();
	test_random();
	test_prestat();
	test_rw();
	test_stdio();
	test_readdir();
	DONE();
}
