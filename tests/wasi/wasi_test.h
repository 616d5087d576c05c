/*
 * wasi_test.h - shared by the guest test programs of tests/wasi: CHECK
 * macros that count failures, and raw imports of the preview1 functions
 * (plain i32/i64 parameters), so tests can pass bad pointers and lengths
 * that wasi-libc's typed wrappers would not.
 *
 * Each program checks its own results and exits non-zero on any failure,
 * printing one line per failed check to stderr.
 */
#ifndef WASI_TEST_H
#define WASI_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(c)                                                            \
	do {                                                                \
		if (!(c)) {                                                 \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",        \
				__FILE__, __LINE__, #c);                    \
			failures++;                                         \
		}                                                           \
	} while (0)

/* Compare an errno-returning expression with the expected errno. */
#define CHECK_ERR(expr, want)                                               \
	do {                                                                \
		int e_ = (int)(expr), w_ = (int)(want);                     \
		if (e_ != w_) {                                             \
			fprintf(stderr, "%s:%d: %s = %d, want %d\n",        \
				__FILE__, __LINE__, #expr, e_, w_);         \
			failures++;                                         \
		}                                                           \
	} while (0)

#define DONE()                                                              \
	do {                                                                \
		if (failures)                                               \
			fprintf(stderr, "%d check(s) failed\n", failures);  \
		return failures ? 1 : 0;                                    \
	} while (0)

#define RAW(name)                                                           \
	__attribute__((import_module("wasi_snapshot_preview1"),             \
		       import_name(#name)))

typedef int32_t i32;
typedef int64_t i64;
RAW(args_get) i32 raw_args_get(i32, i32);
RAW(args_sizes_get) i32 raw_args_sizes_get(i32, i32);
RAW(environ_sizes_get) i32 raw_environ_sizes_get(i32, i32);
RAW(clock_time_get) i32 raw_clock_time_get(i32, i64, i32);
RAW(clock_res_get) i32 raw_clock_res_get(i32, i32);
RAW(fd_write) i32 raw_fd_write(i32, i32, i32, i32);
RAW(fd_read) i32 raw_fd_read(i32, i32, i32, i32);
RAW(fd_pread) i32 raw_fd_pread(i32, i32, i32, i64, i32);
RAW(fd_seek) i32 raw_fd_seek(i32, i64, i32, i32);
RAW(fd_fdstat_get) i32 raw_fd_fdstat_get(i32, i32);
RAW(fd_filestat_get) i32 raw_fd_filestat_get(i32, i32);
RAW(fd_prestat_get) i32 raw_fd_prestat_get(i32, i32);
RAW(fd_prestat_dir_name) i32 raw_fd_prestat_dir_name(i32, i32, i32);
RAW(fd_readdir) i32 raw_fd_readdir(i32, i32, i32, i64, i32);
RAW(path_open) i32 raw_path_open(i32, i32, i32, i32, i32, i64, i64, i32,
				 i32);
RAW(path_filestat_get) i32 raw_path_filestat_get(i32, i32, i32, i32, i32);
RAW(path_create_directory) i32 raw_path_create_directory(i32, i32, i32);
RAW(path_unlink_file) i32 raw_path_unlink_file(i32, i32, i32);
RAW(path_remove_directory) i32 raw_path_remove_directory(i32, i32, i32);
RAW(path_readlink) i32 raw_path_readlink(i32, i32, i32, i32, i32, i32);
RAW(path_symlink) i32 raw_path_symlink(i32, i32, i32, i32, i32);
RAW(path_rename) i32 raw_path_rename(i32, i32, i32, i32, i32, i32);
RAW(path_link) i32 raw_path_link(i32, i32, i32, i32, i32, i32, i32);
RAW(poll_oneoff) i32 raw_poll_oneoff(i32, i32, i32, i32);
RAW(random_get) i32 raw_random_get(i32, i32);
RAW(proc_raise) i32 raw_proc_raise(i32);
RAW(sock_accept) i32 raw_sock_accept(i32, i32, i32);
RAW(sock_recv) i32 raw_sock_recv(i32, i32, i32, i32, i32, i32);
RAW(sock_send) i32 raw_sock_send(i32, i32, i32, i32, i32);
RAW(sock_shutdown) i32 raw_sock_shutdown(i32, i32);

/* A pointer no 32-bit guest memory of ours reaches (the last bytes of the
 * address space, far beyond memory.size). */
#define BADPTR ((i32)0xfffffff0)
#define P(x) ((i32)(uintptr_t)(x))

/* errno numbers (wasix-abi.md 4.1) */
enum {
	E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_BADF = 8, E_EXIST = 20,
	E_FAULT = 21, E_ILSEQ = 25, E_INVAL = 28, E_ISDIR = 31, E_LOOP = 32,
	E_NAMETOOLONG = 37, E_NOENT = 44, E_NOTDIR = 54, E_NOTEMPTY = 55,
	E_NOTSOCK = 57, E_NOTSUP = 58, E_SPIPE = 70, E_NOTCAPABLE = 76,
	E_PERM = 63,
};

/* rights used by the tests */
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_WRITE (1ull << 6)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_ALL ((1ull << 30) - 1)

/* Open `path` beneath `dirfd` with the raw call; returns errno, fd in *fd. */
static inline int t_open(int dirfd, int lookup, const char *path, int oflags,
			 uint64_t rights, int fdflags, int *fd)
{
	return raw_path_open(dirfd, lookup, P(path), (i32)strlen(path), oflags,
			     (i64)rights, (i64)rights, fdflags, P(fd));
}

#endif
