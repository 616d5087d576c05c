/*
 * fd_filestat_set_size.c - fd_filestat_set_size(fd, size:i64) -> errno
 * (wasix-abi.md 2a): ftruncate.  Needs FD_FILESTAT_SET_SIZE.
 */
#include <errno.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_fd_filestat_set_size(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint64_t size = wx_arg64(args, 1);
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_FILESTAT_SET_SIZE, &ref);
	if (ret != 0)
		goto fail;
	if (size > INT64_MAX)
		ret = WX_WASI_EFBIG;
	else if (ftruncate(ref.obj->host_fd, (off_t)size) != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
