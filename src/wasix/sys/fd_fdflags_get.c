/* fd_fdflags_get.c - fd_fdflags_get(fd, ret_fdflagsext) -> errno:
 * F_GETFD (bit 0: CLOEXEC). */
#include "../internal.h"

int wx_wasix_fd_fdflags_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdtable *tab = &p->wasi->fds;
	uint32_t fd = wx_arg32(args, 0);
	uint8_t *out = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 2);
	uint16_t flags = 0;
	int ret = 0;
	if (out == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	pthread_mutex_lock(&tab->lock);
	if (fd >= tab->n || tab->e[fd].obj == NULL)
		ret = WX_WASI_EBADF;
	else
		flags = tab->e[fd].flagsext;
	pthread_mutex_unlock(&tab->lock);
	if (ret == 0)
		wx_put16(out, flags);
	args[0] = (uint32_t)ret;
	return 0;
}
