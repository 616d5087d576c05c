/*
 * fd_renumber.c - fd_renumber(from, to) -> errno as WASIX binaries mean
 * it (wasix-abi.md 2a): dup2.  wasix-libc's dup2() and dup3() are this
 * call, so `from` stays open, `to` need not be open (what it held is
 * closed), and the copy is not close-on-exec.  A preopen is never
 * replaced (ENOTSUP, as Wasmer: libc resolves every path through them).
 * Bound for modules that import wasix_32v1; a plain WASI binary keeps
 * preview1's move (src/wasi/sys/fd_renumber.c).
 */
#include "../internal.h"

int wx_wasix_fd_renumber(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdtable *tab = &p->wasi->fds;
	uint32_t from = wx_arg32(args, 0), to = wx_arg32(args, 1), got;
	struct wx_fdref ref, target;
	int ret = wx_fdtable_get(tab, from, 0, &ref);
	if (ret != 0) {
		args[0] = WX_WASI_EBADF;
		return 0;
	}
	if (from == to) {
		wx_fdref_release(&ref);
		args[0] = 0;
		return 0;
	}
	if (to >= WX_FDTABLE_MAX) {
		wx_fdref_release(&ref);
		args[0] = WX_WASI_EBADF;
		return 0;
	}
	if (wx_fdtable_get(tab, to, 0, &target) == 0) {
		bool preopen = target.obj->preopen != NULL;
		wx_fdref_release(&target);
		if (preopen) {
			wx_fdref_release(&ref);
			args[0] = WX_WASI_ENOTSUP;
			return 0;
		}
	}
	wx_fdobj_retain(ref.obj);
	ret = wx_fdtable_insert(tab, ref.obj, ref.rights_base, ref.rights_inh,
				to, true, &got);
	wx_fdref_release(&ref);
	args[0] = (uint32_t)ret;
	return 0;
}
