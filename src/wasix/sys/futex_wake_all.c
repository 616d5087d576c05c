/* futex_wake_all.c - futex_wake_all(addr, ret_woken) -> errno: wake all
 * waiters. */
#include "../internal.h"

int wx_wasix_futex_wake_all(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_futex_wake_n(ctx, args, UINT32_MAX);
}
