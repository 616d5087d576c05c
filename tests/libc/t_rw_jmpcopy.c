/* A jmp_buf saved by value, set again deeper, then copied back and
 * jumped to: bash's command substitution does this in its forked child
 * (command_substitute sets top_level, parse_and_execute saves a copy of
 * it, sets it again, and on `exit` copies the saved bytes back and
 * longjmps to them), through functions called by pointer.  wasixrt kept
 * one checkpoint per jmp_buf address, so the second setjmp replaced the
 * first and the copy named a snapshot that was gone: trap
 * "stack_restore: unknown snapshot" and `e=$(exit 4)` gave 134. */
#include <setjmp.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static jmp_buf top;

/* parse_and_execute: save top, set it, run; on a jump, restore the
 * saved bytes and jump on to the outer level. */
static int run_inner(int code)
{
	jmp_buf saved;
	volatile int v;
	memcpy(saved, top, sizeof(top));
	v = setjmp(top);
	if (v == 0)
		longjmp(top, code); /* `exit N` inside */
	memcpy(top, saved, sizeof(top));
	longjmp(top, v + 100); /* jump_to_top_level */
	return -1;
}

static int (*volatile inner)(int) = run_inner;

/* command_substitute's child: top_level set after the fork. */
static int level(int code)
{
	volatile int r = setjmp(top);
	if (r == 0)
		inner(code);
	return r;
}

static int (*volatile outer)(int) = level;

int main(void)
{
	int r, i;
#ifndef LIBC_EH
	pid_t c;
	int st = 0;
#endif

	r = outer(3);
	CHECK_EQ(r, 103);
	printf("in place: %d\n", r);
	/* Repeated, as a loop of command substitutions: the same buffer
	 * set again and again at the same places. */
	for (i = 0; i < 200; i++)
		CHECK_EQ(outer(i % 50 + 1), i % 50 + 101);
#ifndef LIBC_EH
	fflush(stdout);
	c = fork();
	if (c == 0)
		_exit(outer(4) - 100);
	CHECK(waitpid(c, &st, 0) == c);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);
	printf("child: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	/* A jmp_buf set before the fork, copied and re-set in the child. */
	if ((r = setjmp(top)) == 0) {
		fflush(stdout);
		c = fork();
		if (c == 0)
			inner(5);
		CHECK(waitpid(c, &st, 0) == c);
		printf("child before fork: %d\n",
		       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	} else {
		_exit(r - 100);
	}
#endif
	return libc_done();
}
