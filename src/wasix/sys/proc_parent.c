/*
 * proc_parent.c - proc_parent(pid, ret_ppid) -> errno: the parent of any
 * live process of the run (ESRCH if there is none).
 */
#include "../internal.h"

int wx_wasix_proc_parent(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t pid = wx_arg32(args, 0), ppid;
	if (pid == p->pid)
		ppid = p->ppid;
	else if (!wx_pidtab_parent(pid, &ppid)) {
		args[0] = WX_WASI_ESRCH;
		return 0;
	}
	args[0] = (uint32_t)wx_proc_put32(p, wx_arg32(args, 1), ppid);
	return 0;
}
