/* fd_dup2.c - fd_dup2(fd, min_result_fd, cloexec, ret_fd) -> errno:
 * fcntl(F_DUPFD[_CLOEXEC]), the lowest free fd >= min_result_fd. */
#include "../internal.h"

int wx_wasix_fd_dup2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdtable *tab = &p->wasi->fds;
	struct wx_fdref ref;
	uint32_t fd;
	int ret;
	if (wx_wasi_mem(p->wasi, wx_arg32(args, 3), 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (wx_arg32(args, 1) >= tab->max) { /* RLIMIT_NOFILE: EINVAL */
		args[0] = WX_WASI_EINVAL;
		return 0;
	}
	ret = wx_fdtable_get(tab, wx_arg32(args, 0), 0, &ref);
	if (ret == 0) {
		wx_fdobj_retain(ref.obj);
		ret = wx_fdtable_insert(tab, ref.obj, ref.rights_base,
					ref.rights_inh, wx_arg32(args, 1), false,
					&fd);
		wx_fdref_release(&ref);
	}
	if (ret == 0) {
		pthread_mutex_lock(&tab->lock);
		tab->e[fd].flagsext = wx_arg32(args, 2) ? 1 : 0;
		pthread_mutex_unlock(&tab->lock);
		ret = wx_proc_put32(p, wx_arg32(args, 3), fd);
	}
	args[0] = (uint32_t)ret;
	return 0;
}
