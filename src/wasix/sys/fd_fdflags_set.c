/* fd_fdflags_set.c - fd_fdflags_set(fd, fdflagsext) -> errno: F_SETFD. */
#include "../internal.h"

int wx_wasix_fd_fdflags_set(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdtable *tab = &p->wasi->fds;
	uint32_t fd = wx_arg32(args, 0);
	int ret = 0;
	pthread_mutex_lock(&tab->lock);
	if (fd >= tab->n || tab->e[fd].obj == NULL)
		ret = WX_WASI_EBADF;
	else
		tab->e[fd].flagsext = (uint16_t)(wx_arg32(args, 1) & 1);
	pthread_mutex_unlock(&tab->lock);
	args[0] = (uint32_t)ret;
	return 0;
}
