// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/* A fork between setjmp and longjmp: the child and the parent both
 * longjmp to the point set before the fork, each in its own copy. */
#include <setjmp.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static jmp_buf jb;

static __attribute__((noinline)) void deep(int n, int v)
{
	if (n == 0)
		longjmp(jb, v);
	deep(n - 1, v);
}

static __attribute__((noinline)) int run(void)
{
	volatile int where = 0;
	int r = setjmp(jb);
	if (r != 0) {
		printf("%s: back with r=%d where=%d\n",
		       where == 1 ? "child" : "parent", r, where);
		fflush(stdout);
		return r;
	}
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		where = 1;
		deep(10, 77);
	}
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st));
	printf("child exited %d\n", WEXITSTATUS(st));
	where = 2;
	deep(5, 88);
	return -1;
}

int main(void)
{
	int r = run();
	if (r == 77)
		_exit(libc_failures ? 1 : 17); /* the child */
	CHECK_EQ(r, 88);
	/* setjmp in the child only, after the fork. */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		jmp_buf cjb;
		int v = setjmp(cjb);
		if (v == 0)
			longjmp(cjb, 5);
		_exit(v);
	}
	int st = 0;
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	printf("second child exited %d\n", WEXITSTATUS(st));
	CHECK_EQ(WEXITSTATUS(st), 5);
	return libc_done();
}
