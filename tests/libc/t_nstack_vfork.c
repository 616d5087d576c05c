/* vfork where the native tier must keep the parent's stack: the child
 * writes memory the parent then sees, and execs; the child _exits; the
 * child calls functions that reuse the stack below the vfork call
 * before exiting (the parent's frames must come back as they were); a
 * vfork made deep in recursion; many in a row. */
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

static volatile int shared_word;
static char path[512];

static int reap(pid_t p)
{
	int st = -1;
	CHECK_EQ(waitpid(p, &st, 0), p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

/* Scribbles over a lot of stack below the caller. */
static __attribute__((noinline)) int scribble(int depth)
{
	volatile char junk[64];
	int i;
	for (i = 0; i < 64; i++)
		junk[i] = (char)(i ^ depth);
	return depth == 0 ? junk[3] : scribble(depth - 1) + junk[7];
}

static __attribute__((noinline)) int vfork_at(int depth, int code)
{
	volatile int mine = depth * 3 + code;
	pid_t p;
	if (depth > 0) {
		int r = vfork_at(depth - 1, code);
		return mine == depth * 3 + code ? r : -1;
	}
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		shared_word = code + scribble(50) * 0;
		_exit(code);
	}
	if (mine != code)
		return -1;
	return reap(p);
}

int main(void)
{
	volatile int keep = 12345;
	pid_t me = getpid(), p;
	int i, ok = 0;

	/* Write, then exec a helper that exits 0. */
	snprintf(path, sizeof(path), "%s/proc_echo", libc_bin());
	shared_word = 1;
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		shared_word = getppid() == me ? 2 : 3;
		execl(path, "proc_echo", "from", "the", "vfork", "child",
		      (char *)0);
		_exit(126);
	}
	CHECK(p > 0 && p != me);
	CHECK_EQ(shared_word, 2);
	CHECK_EQ(reap(p), 0);
	CHECK_EQ(keep, 12345);
	printf("vfork+exec: child wrote %d\n", shared_word);

	/* _exit with a status; the child ran deep on the parent's stack. */
	fflush(stdout);
	p = vfork();
	if (p == 0) {
		shared_word = 40 + scribble(100) * 0;
		_exit(9);
	}
	CHECK_EQ(reap(p), 9);
	CHECK_EQ(shared_word, 40);
	CHECK_EQ(keep, 12345);
	printf("vfork+_exit: %d\n", shared_word);

	/* From deep recursion, many times. */
	for (i = 0; i < 40; i++)
		ok += vfork_at(i * 10, i % 7 + 1) == i % 7 + 1 &&
		      shared_word == i % 7 + 1;
	CHECK_EQ(ok, 40);
	printf("deep vforks: %d\n", ok);
	return libc_done();
}
