// eh: skip: calls fork() and sigsetjmp (the plain flavour's setjmp/longjmp on native stacks)
/* setjmp/longjmp where the native tier must snapshot its own stack:
 * longjmp out of deep recursion, a setjmp taken deep and jumped to from
 * deeper still, nested jmp_bufs live at once (jumps to the inner, then
 * to the outer from the inner's handler), locals of the setjmp caller
 * kept across the jump, a longjmp in a fork child to a buffer set
 * before the fork, a siglongjmp out of a signal handler that ran deep
 * in recursion (the handler is a nested entry into guest code), and two
 * threads jumping at the same time. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libc_test.h"

#ifdef __wasi__
/* The plain flavour's <setjmp.h> declares no sigsetjmp; libc has it. */
int sigsetjmp(sigjmp_buf, int);
_Noreturn void siglongjmp(sigjmp_buf, int);
#endif

static jmp_buf outer_jb;
static volatile int reached;

/* Recursion in registers and native frames only (the wasm build's
 * stack in linear memory is small). */
static __attribute__((noinline)) int dive(jmp_buf jb, int depth, int v)
{
	if (depth == 0) {
		reached++;
		longjmp(jb, v);
	}
	return dive(jb, depth - 1, v) * 3 + depth;
}

static volatile long returns;

static __attribute__((noinline)) int set_here(int more, int v)
{
	jmp_buf jb;
	volatile int mark = 1;
	int r = setjmp(jb);
	if (r == 0) {
		mark = 2; /* changed after setjmp: volatile keeps it */
		dive(jb, more, v);
	}
	return mark == 2 ? r : -1;
}

/* setjmp at `at` levels down, longjmp from `more` levels below that. */
static __attribute__((noinline)) int set_deep(int at, int more, int v)
{
	int r;
	if (at == 0)
		return set_here(more, v);
	r = set_deep(at - 1, more, v);
	returns++;
	return r;
}

/* Nested records: inner's handler jumps on to the outer buffer. */
static __attribute__((noinline)) int nested(int v)
{
	jmp_buf inner;
	volatile int step = 0;
	int r = setjmp(inner);
	if (r == 0) {
		step = 1;
		dive(inner, 300, v);
	}
	step += r;
	if (step != 1 + v)
		return -1;
	dive(outer_jb, 200, v + 1000);
	return -2;
}

static sigjmp_buf sig_jb;

static void on_usr1(int sig)
{
	siglongjmp(sig_jb, sig);
}

static __attribute__((noinline)) int raise_deep(int depth)
{
	if (depth == 0) {
		raise(SIGUSR1);
		return 0;
	}
	return raise_deep(depth - 1) * 3 + depth;
}

static void *worker(void *arg)
{
	long id = (long)arg, i, sum = 0;
	for (i = 0; i < 300; i++) {
		int r = set_deep((int)(i % 40), (int)(i % 500) + 1,
				 (int)(id * 1000 + i % 100 + 1));
		if (r != id * 1000 + i % 100 + 1)
			return (void *)-1L;
		sum += r;
	}
	return (void *)sum;
}

int main(void)
{
	int i, r, st = 0;
	long sum = 0;
	pthread_t th[2];
	void *res[2];
	pid_t c;

	/* Out of deep recursion, again and again. */
	for (i = 0; i < 50; i++)
		sum += set_deep(0, 5000 + i, i + 1) == i + 1;
	CHECK_EQ(sum, 50);
	CHECK_EQ(reached, 50);
	printf("deep: %ld\n", sum);

	/* Set deep, jump from deeper: the buffer's frame is far down. */
	for (i = 0, sum = 0; i < 20; i++)
		sum += set_deep(3000, 2000, 7) == 7;
	CHECK_EQ(sum, 20);
	printf("set deep: %ld\n", sum);

	/* Two live buffers, inner then outer. */
	for (i = 1; i <= 30; i++) {
		volatile int before = i;
		r = setjmp(outer_jb);
		if (r == 0) {
			nested(i);
			CHECK(0);
		}
		CHECK_EQ(r, i + 1000);
		CHECK_EQ(before, i);
	}
	printf("nested: ok\n");

	/* Out of a handler, again and again (the mask comes back). */
	signal(SIGUSR1, on_usr1);
	for (i = 0, sum = 0; i < 20; i++) {
		volatile int before = i;
		r = sigsetjmp(sig_jb, 1);
		if (r == 0) {
			raise_deep(300 + i);
			CHECK(0);
		}
		sum += r == SIGUSR1 && before == i;
	}
	CHECK_EQ(sum, 20);
	printf("out of a handler: %ld\n", sum);

	/* A fork child jumps to a buffer set before the fork. */
	fflush(stdout);
	r = setjmp(outer_jb);
	if (r == 0) {
		c = fork();
		CHECK(c >= 0);
		if (c == 0)
			dive(outer_jb, 1000, 42);
		CHECK_EQ(waitpid(c, &st, 0), c);
		CHECK(WIFEXITED(st));
		printf("fork child: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	} else {
		/* the child's side only */
		_exit(r == 42 ? 42 : 1);
	}

	/* Two threads jumping at once, each its own stack. */
	for (i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&th[i], NULL, worker, (void *)(long)(i + 1)), 0);
	for (i = 0; i < 2; i++) {
		CHECK_EQ(pthread_join(th[i], &res[i]), 0);
		CHECK((long)res[i] > 0);
	}
	printf("threads: %s\n", (long)res[0] > 0 && (long)res[1] > 0 ? "ok" : "bad");
	return libc_done();
}
