/*
 * fd_sync.c - fd_sync(fd) -> errno (wasix-abi.md 2a): fsync(2).
 * Needs the FD_SYNC right.
 */
#include <errno.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_fd_sync(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), WX_RIGHT_FD_SYNC,
			     &ref);
	if (ret != 0)
		goto fail;
	if (fsync(ref.obj->host_fd) != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
