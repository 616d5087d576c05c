/* futex_wake.c - futex_wake(addr, ret_woken) -> errno: wake one waiter. */
#include "../internal.h"

int wx_wasix_futex_wake(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_futex_wake_n(ctx, args, 1);
}
