/* setjmp/longjmp: in the eh and exnref flavours they are wasm exceptions
 * (a throw of the C_LONGJMP tag caught by the setjmp caller's try), in
 * the plain flavour stack_checkpoint/stack_restore.  Nested jump
 * buffers, jumps over many frames, locals kept, and many jumps in a loop
 * (exception objects must not pile up). */
#include <setjmp.h>
#include "libc_test.h"

static jmp_buf outer, inner;
static int depth_reached;

static void dive(int n, jmp_buf *to, int val)
{
	char pad[64];
	memset(pad, n, sizeof(pad));
	depth_reached = n;
	if (n == 0)
		longjmp(*to, val);
	dive(n - 1, to, val + pad[0] - pad[63]);
}

static int nested(void)
{
	volatile int steps = 0;
	int r = setjmp(inner);
	steps++;
	if (r == 0) {
		dive(10, &inner, 5);
		CHECK(0); /* not reached */
	}
	printf("inner setjmp returned %d after %d steps\n", r, (int)steps);
	/* Now jump past this frame to the outer buffer. */
	dive(3, &outer, 42);
	return -1;
}

static long loop_jumps(long n)
{
	jmp_buf jb;
	volatile long count = 0;
	if (setjmp(jb) < 1000)
		count++;
	if (count < n)
		longjmp(jb, (int)(count % 999) + 1);
	return count;
}

int main(void)
{
	volatile int local = 1;
	int r = setjmp(outer);
	if (r == 0) {
		local = 2;
		nested();
		CHECK(0);
	}
	printf("outer setjmp returned %d, local %d, depth %d\n", r,
	       (int)local, depth_reached);
	CHECK_EQ(r, 42);
	CHECK_EQ(local, 2);

	/* longjmp with 0 makes setjmp return 1. */
	{
		jmp_buf jb;
		volatile int once = 0;
		int v = setjmp(jb);
		if (!once) {
			once = 1;
			longjmp(jb, 0);
		}
		printf("longjmp(jb, 0) gives %d\n", v);
		CHECK_EQ(v, 1);
	}

	printf("loop of jumps: %ld\n", loop_jumps(20000));
	CHECK_EQ(loop_jumps(20000), 20000);
	return libc_done();
}
