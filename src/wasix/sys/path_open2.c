/* path_open2.c - path_open2(dirfd, dirflags, path, path_len, oflags,
 * rights_base, rights_inh, fdflags, fdflagsext, ret_fd) -> errno:
 * preview1 path_open plus the WASIX per-fd flags (CLOEXEC). */
#include "../internal.h"

int wx_wasix_path_open2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_fdtable *tab = &p->wasi->fds;
	uint64_t a[9];
	const uint8_t *fdp;
	uint32_t fd, i;
	int ret;
	for (i = 0; i < 8; i++)
		a[i] = args[i];
	a[8] = args[9];
	ret = wx_wasi_path_open(t, p->wasi, a);
	if (ret != 0 || a[0] != 0) {
		args[0] = a[0];
		return ret;
	}
	fdp = wx_wasi_mem(p->wasi, wx_arg32(args, 9), 4);
	fd = wx_get32(fdp);
	pthread_mutex_lock(&tab->lock);
	if (fd < tab->n && tab->e[fd].obj != NULL)
		tab->e[fd].flagsext = (uint16_t)(wx_arg32(args, 8) & 1);
	pthread_mutex_unlock(&tab->lock);
	args[0] = 0;
	return 0;
}
