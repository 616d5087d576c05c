/*
 * fd_filestat_set_times.c - fd_filestat_set_times(fd, atim:i64, mtim:i64,
 * fstflags) -> errno (wasix-abi.md 2a): futimens.  fstflags: ATIM 1,
 * ATIM_NOW 2, MTIM 4, MTIM_NOW 8; X with X_NOW, or other bits: EINVAL.
 */
#include <errno.h>

#include "../internal.h"

int wx_wasi_fd_filestat_set_times(struct wx_thread *t, void *ctx,
				  uint64_t *args)
{
	struct wx_wasi *w = ctx;
	struct timespec ts[2];
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_FILESTAT_SET_TIMES, &ref);
	if (ret != 0)
		goto fail;
	ret = wx_wasi_times(wx_arg64(args, 1), wx_arg64(args, 2),
			    wx_arg32(args, 3), ts);
	if (ret == 0 && futimens(ref.obj->host_fd, ts) != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
