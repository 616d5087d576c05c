/* proc_signals_get.c - proc_signals_sizes_get(ret_count) and
 * proc_signals_get(buf) -> errno: the initial signal dispositions handed
 * to the program (wasix-abi.md 3.8).  Every signal starts at its default,
 * so the list is empty. */
#include "../internal.h"

int wx_wasix_proc_signals_sizes_get(struct wx_thread *t, void *ctx,
				    uint64_t *args)
{
	args[0] = (uint32_t)wx_proc_put32(ctx, wx_arg32(args, 0), 0);
	return 0;
}

int wx_wasix_proc_signals_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	args[0] = 0;
	return 0;
}
