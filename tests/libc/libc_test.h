/*
 * libc_test.h - checks for the real-libc suite (tests/libc/run.sh).
 *
 * A test prints what it observes to stdout (compared with the native
 * build's output) and checks what it must itself: CHECK prints a FAIL
 * line on stderr and counts; libc_done() turns the count into the exit
 * status.  Everything here is plain POSIX, built both ways.
 */
#ifndef LIBC_TEST_H
#define LIBC_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int libc_failures;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "FAIL %s:%d: %s (errno %d: %s)\n", \
				__FILE__, __LINE__, #cond, errno,          \
				strerror(errno));                          \
			libc_failures++;                                   \
		}                                                          \
	} while (0)

/* An equality of integers, both values shown on failure. */
#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		long long a_ = (long long)(a), b_ = (long long)(b);        \
		if (a_ != b_) {                                            \
			fprintf(stderr, "FAIL %s:%d: %s == %s (%lld != %lld)\n", \
				__FILE__, __LINE__, #a, #b, a_, b_);       \
			libc_failures++;                                   \
		}                                                          \
	} while (0)

/* Where helper programs (tests/libc/bin) and scratch files are. */
static inline const char *libc_bin(void)
{
	const char *s = getenv("LIBC_BIN");
	return s ? s : "/bin";
}
static inline const char *libc_tmp(void)
{
	const char *s = getenv("LIBC_TMP");
	return s ? s : "/tmp";
}

static inline int libc_done(void)
{
	fflush(stdout);
	return libc_failures == 0 ? 0 : 1;
}

#endif
