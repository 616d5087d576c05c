/* proc_id.c - proc_id(ret_pid) -> errno: the caller's virtual pid. */
#include "../internal.h"

int wx_wasix_proc_id(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	args[0] = (uint32_t)wx_proc_put32(p, wx_arg32(args, 0), p->pid);
	return 0;
}
