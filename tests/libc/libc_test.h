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

/* LIBC_EH (run.sh defines it for both builds in the eh and exnref
 * flavours, whose wasix-libc does not declare fork()): the parts of a
 * test that need fork are left out, and a child that only execs or
 * _exits is made with vfork instead.  There sigsetjmp is a stub that
 * returns 0 (setjmp is the compiler's, sigsetjmp is not): the wasm build
 * uses setjmp and longjmp for it, and leaving a handler by longjmp must
 * end the handler's blocking of its signal all the same. */
#ifdef LIBC_EH
#define libc_fork_exec vfork
#ifdef __wasm__
#define sigsetjmp(b, m) setjmp(b)
#define siglongjmp(b, v) longjmp(b, v)
#endif
#else
#define libc_fork_exec fork
#endif

static inline int libc_done(void)
{
	fflush(stdout);
	return libc_failures == 0 ? 0 : 1;
}

#endif
