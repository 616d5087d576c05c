/* setjmp then longjmp from a callee, and longjmp in a forked child to a
 * setjmp taken before the fork: dash's exit/errors (exraise), Lua's
 * error/pcall and bash all work this way.  wasixrt before the sjlj
 * fixes: trap "unreachable" in __wasilibc_longjmp (stack_restore
 * returns: the checkpoint was taken by __wasilibc_setjmp, which has
 * returned by the time longjmp runs). */
#include <setjmp.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static jmp_buf jb;
static volatile int depth;

static void thrower(int n)
{
	depth = n;
	if (n == 0)
		longjmp(jb, 7);
	thrower(n - 1);
}

int main(void)
{
	int v = setjmp(jb);
	if (v == 0)
		thrower(5);
	CHECK_EQ(v, 7);
	printf("longjmp returned %d\n", v);
#ifndef LIBC_EH
	fflush(stdout);
	if (setjmp(jb) == 0) {
		pid_t c = fork();
		int st = 0;
		if (c == 0)
			longjmp(jb, 1);
		CHECK(waitpid(c, &st, 0) == c);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
		printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	} else {
		_exit(42); /* the child, after its longjmp */
	}
#endif
	return libc_done();
}
