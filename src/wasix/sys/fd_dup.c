/* fd_dup.c - fd_dup(fd, ret_fd) -> errno: dup(), the lowest free fd
 * sharing the same open file description (wasix-abi.md 2b). */
#include "../internal.h"

int wx_wasix_fd_dup(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdref ref;
	uint32_t fd;
	int ret;
	if (wx_wasi_mem(p->wasi, wx_arg32(args, 1), 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	ret = wx_fdtable_get(&p->wasi->fds, wx_arg32(args, 0), 0, &ref);
	if (ret == 0) {
		wx_fdobj_retain(ref.obj);
		ret = wx_fdtable_insert(&p->wasi->fds, ref.obj, ref.rights_base,
					ref.rights_inh, 0, false, &fd);
		wx_fdref_release(&ref);
	}
	if (ret == 0)
		ret = wx_proc_put32(p, wx_arg32(args, 1), fd);
	args[0] = (uint32_t)ret;
	return 0;
}
