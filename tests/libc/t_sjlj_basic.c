/* setjmp/longjmp as the real libc does them: libc's setjmp function
 * returns before longjmp comes back to it (value 0 becomes 1, several
 * call levels, deep recursion, nested buffers, a jmp_buf global and on
 * the stack, volatile locals keep their latest value, one buffer set on
 * every call as interpreters do, many distinct buffers). */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Winfinite-recursion"
#endif
#include <setjmp.h>
#include <stdint.h>
#include "libc_test.h"

static jmp_buf global_jb;

static __attribute__((noinline)) void jump_from(jmp_buf jb, int depth, int v)
{
	if (depth == 0)
		longjmp(jb, v);
	jump_from(jb, depth - 1, v);
}

static __attribute__((noinline)) int recurse(jmp_buf jb, int n, int at)
{
	volatile char pad[64]; /* a frame on the shadow stack too */
	pad[0] = (char)n;
	if (n < at)
		return recurse(jb, n + 1, at) + pad[0];
	longjmp(jb, n + pad[0]);
}

static int inner_calls;
static __attribute__((noinline)) int inner(int v)
{
	jmp_buf jb; /* on the stack of this function */
	int r = setjmp(jb);
	if (r == 0)
		jump_from(jb, 3, v);
	inner_calls++;
	return r;
}

/* Nested buffers: the inner one is used and dropped, then the outer. */
static __attribute__((noinline)) int nested(void)
{
	jmp_buf outer;
	volatile int steps = 0;
	int r = setjmp(outer);
	if (r != 0)
		return steps * 100 + r;
	steps++;
	if (inner(7) != 7)
		return -1;
	steps++;
	jump_from(outer, 2, 9);
	return -2;
}

/* A protected call as Lua does one: a buffer on the stack, set every
 * time, most calls return normally, some raise. */
static __attribute__((noinline)) int pcall(int i)
{
	jmp_buf jb;
	volatile int status = 0;
	if (setjmp(jb) == 0) {
		if (i % 7 == 0)
			longjmp(jb, 2);
	} else {
		status = 1;
	}
	return status;
}

/* Many distinct buffers set by a function that returns at once (dead
 * for longjmp), among buffers main keeps live: the runtime recycles the
 * records of the dead ones and must keep every live one. */
static jmp_buf many[3000];
static __attribute__((noinline)) void set_and_return(int i)
{
	if (setjmp(many[i]) != 0)
		abort(); /* never jumped to */
}

static int live_many(void)
{
	volatile int jumped = 0;
	int i, r;
	for (i = 0; i < 3000; i++)
		set_and_return(i);
	/* Live ones, set by this function, each at a distinct address. */
	for (i = 0; i < 40; i++) {
		r = setjmp(many[i * 7]);
		if (r != 0) {
			jumped++;
			if (r < 40)
				longjmp(many[r * 7], r + 1);
			break;
		}
		set_and_return(2999 - i);
	}
	if (jumped == 0)
		longjmp(many[0], 1);
	return jumped;
}

int main(void)
{
	volatile int counter = 0;
	volatile long long big = 1;
	int r, i, errors;
	jmp_buf local_jb;

	r = setjmp(global_jb);
	if (r == 0)
		longjmp(global_jb, 10001);
	printf("global: r=%d\n", r);
	CHECK_EQ(r, 10001);

	r = setjmp(local_jb);
	if (r == 0)
		longjmp(local_jb, 0);
	printf("zero becomes: %d\n", r);
	CHECK_EQ(r, 1);

	r = setjmp(local_jb);
	counter++;
	big *= 3;
	if (r < 5)
		longjmp(local_jb, r + 1);
	printf("volatile: counter=%d big=%lld r=%d\n", counter, big, r);
	CHECK_EQ(counter, 6);
	CHECK_EQ(big, 729);

	r = setjmp(global_jb);
	if (r == 0)
		jump_from(global_jb, 20, 42);
	printf("levels: r=%d\n", r);
	CHECK_EQ(r, 42);

	r = setjmp(local_jb);
	if (r == 0)
		recurse(local_jb, 0, 400);
	printf("recursion: r=%d\n", r);
	CHECK_EQ(r, 400 + (char)400);

	r = nested();
	printf("nested: %d inner_calls=%d\n", r, inner_calls);
	CHECK_EQ(r, 209);
	CHECK_EQ(inner_calls, 1);

	errors = 0;
	for (i = 1; i <= 200000; i++)
		errors += pcall(i);
	printf("pcall: %d errors\n", errors);
	CHECK_EQ(errors, 200000 / 7);

	/* Many distinct buffers, each set once and used once. */
	errors = 0;
	for (i = 0; i < 20000; i++) {
		jmp_buf *jb = malloc(sizeof(jmp_buf));
		CHECK(jb != NULL);
		if (setjmp(*jb) == 0)
			longjmp(*jb, i + 1);
		else
			errors++;
		free(jb);
	}
	printf("heap buffers: %d\n", errors);
	CHECK_EQ(errors, 20000);

	r = live_many();
	printf("many buffers: %d jumps\n", r);
	CHECK_EQ(r, 40);
	return libc_done();
}
