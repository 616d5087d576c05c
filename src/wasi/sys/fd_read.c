/*
 * fd_read.c - fd_read(fd, iovs, iovs_len, ret_nread) -> errno
 * (wasix-abi.md 2a).  The data path is wx_wasi_rw (rw.c): iovecs checked
 * first (EFAULT), host calls in bounded chunks, short transfers handled
 * as that file explains.  A missing FD_READ right is EBADF, as in POSIX.
 */
#include "../internal.h"

int wx_wasi_fd_read(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	struct wx_fdref ref;
	uint32_t done = 0;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), WX_RIGHT_FD_READ, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype == WX_FILETYPE_DIRECTORY)
		ret = WX_WASI_EISDIR;
	else
		ret = wx_wasi_rw(w, ref.obj, wx_arg32(args, 1),
				 wx_arg32(args, 2), false, false, 0, &done);
	wx_fdref_release(&ref);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 3), done);
fail:
	return wx_wasi_result(args, ret);
}
