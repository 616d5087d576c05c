/*
 * fd_tell.c - fd_tell(fd, ret_offset) -> errno (wasix-abi.md 2a).
 * Needs FD_TELL.
 */
#include <errno.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_fd_tell(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	struct wx_fdref ref;
	off_t pos;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), WX_RIGHT_FD_TELL,
			     &ref);
	if (ret != 0)
		goto fail;
	pos = lseek(ref.obj->host_fd, 0, SEEK_CUR);
	wx_fdref_release(&ref);
	if (pos < 0)
		ret = wx_wasi_errno(errno);
	else
		ret = wx_wasi_put64(w, wx_arg32(args, 1), (uint64_t)pos);
fail:
	return wx_wasi_result(args, ret);
}
