/*
 * t.h - helpers shared by the WASIX test guests: failure reporting that
 * names the file, line and errno, and a fork that flushes stdio first (so
 * a child's exit does not repeat the parent's buffered output).
 *
 * A test prints "FAIL ..." to stderr and exits 1 at its first failed
 * check; a child process reports the same way and exits with
 * T_CHILD_FAIL so that the parent's status check fails too.
 */
#ifndef WASIX_TEST_H
#define WASIX_TEST_H

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posix_shim.h"

#define T_CHILD_FAIL 99

#define T_FAIL_AT(code, ...) T_FAIL_AT_(code, "%s", "", __VA_ARGS__)
#define T_FAIL_AT_(code, what_fmt, what, ...)                              \
	do {                                                               \
		int t_e_ = errno;                                          \
		fprintf(stderr, "FAIL %s:%d (pid %d, errno %d %s): ",      \
			__FILE__, __LINE__, (int)wx_getpid(), t_e_,        \
			strerror(t_e_));                                   \
		fprintf(stderr, what_fmt, what);                           \
		fprintf(stderr, __VA_ARGS__);                              \
		fputc('\n', stderr);                                       \
		fflush(stderr);                                            \
		wx__exit(code);                                            \
	} while (0)

/* CHECK(cond, fmt, ...) in the test's main process. */
#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond))                                               \
			T_FAIL_AT_(1, "CHECK(%s) ", #cond, __VA_ARGS__);   \
	} while (0)

/* The same inside a child: exit T_CHILD_FAIL. */
#define CCHECK(cond, ...)                                                  \
	do {                                                               \
		if (!(cond))                                               \
			T_FAIL_AT_(T_CHILD_FAIL, "child CHECK(%s) ",       \
				  #cond, __VA_ARGS__);                     \
	} while (0)

static inline pid_t t_fork(void)
{
	fflush(NULL);
	return wx_fork();
}

/* Wait for `pid` and require a normal exit with `code`. */
#define CHECK_EXIT(pid, code)                                              \
	do {                                                               \
		int t_st_ = -1;                                            \
		pid_t t_r_ = wx_waitpid((pid), &t_st_, 0);                 \
		CHECK(t_r_ == (pid), "waitpid(%d) returned %d",            \
		      (int)(pid), (int)t_r_);                              \
		CHECK(WIFEXITED(t_st_) && WEXITSTATUS(t_st_) == (code),    \
		      "child %d: status 0x%x, want exit %d", (int)(pid),   \
		      t_st_, (code));                                      \
	} while (0)

/* Read fd to EOF into buf (NUL-terminated, at most size - 1 bytes);
 * returns the length, or -1 on a read error. */
static inline ssize_t t_read_all(int fd, char *buf, size_t size)
{
	size_t got = 0;
	for (;;) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0 || got + (size_t)n == size - 1) {
			got += (size_t)n;
			break;
		}
		got += (size_t)n;
	}
	buf[got] = '\0';
	return (ssize_t)got;
}

#define PASS(name)                                                         \
	do {                                                               \
		printf("ok %s\n", name);                                   \
		fflush(stdout);                                            \
	} while (0)

#endif
