/*
 * fd_allocate.c - fd_allocate(fd, offset:i64, len:i64) -> errno
 * (wasix-abi.md 2a): posix_fallocate.  Needs FD_ALLOCATE.
 */
#include <errno.h>
#include <fcntl.h>

#include "../internal.h"

int wx_wasi_fd_allocate(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint64_t off = wx_arg64(args, 1), len = wx_arg64(args, 2);
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_ALLOCATE, &ref);
	if (ret != 0)
		goto fail;
	if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX)
		ret = WX_WASI_EFBIG;
	else if (len == 0)
		ret = WX_WASI_EINVAL;
	else
		ret = wx_wasi_errno(posix_fallocate(ref.obj->host_fd,
						    (off_t)off, (off_t)len));
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
