/*
 * fib.c - deep recursion and function calls.
 *
 * The naive doubly recursive Fibonacci: nearly all the time goes to call,
 * return and a compare-and-branch, so it measures the cost of a wasm call
 * (frame set-up, argument passing) in each runtime.  The argument comes
 * from a volatile so that no compiler folds the whole thing to a constant.
 */
#include "bench.h"

static volatile uint32_t fib_arg = 37;

__attribute__((noinline)) static uint32_t fib(uint32_t n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

BENCH_EXPORT uint32_t run(void)
{
	return fib(fib_arg);
}
