/* thread_id.c - thread_id(ret_tid) -> errno: the caller's tid (the main
 * thread is 1). */
#include "../internal.h"

int wx_wasix_thread_id(struct wx_thread *t, void *ctx, uint64_t *args)
{
	args[0] = (uint32_t)wx_proc_put32(ctx, wx_arg32(args, 0),
					  t->id ? t->id : 1);
	return 0;
}
