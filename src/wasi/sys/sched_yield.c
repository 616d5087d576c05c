/*
 * sched_yield.c - sched_yield() -> errno (wasix-abi.md 2a).
 */
#include <sched.h>

#include "../internal.h"

int wx_wasi_sched_yield(struct wx_thread *t, void *ctx, uint64_t *args)
{
	sched_yield();
	return wx_wasi_result(args, 0);
}
