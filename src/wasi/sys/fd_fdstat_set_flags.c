/*
 * fd_fdstat_set_flags.c - fd_fdstat_set_flags(fd, fdflags) -> errno
 * (wasix-abi.md 2a).  APPEND and NONBLOCK change through F_SETFL.  Linux
 * cannot change the sync flags of an open file, so DSYNC/RSYNC/SYNC must
 * stay as they are (ENOTSUP otherwise; wasi-libc's fcntl(F_SETFL) passes
 * the current ones back unchanged).  Unknown bits: EINVAL.
 */
#include <errno.h>
#include <fcntl.h>

#include "../internal.h"

int wx_wasi_fd_fdstat_set_flags(struct wx_thread *t, void *ctx,
				uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t flags = wx_arg32(args, 1);
	const uint16_t sync = WX_FDFLAG_DSYNC | WX_FDFLAG_RSYNC |
			      WX_FDFLAG_SYNC;
	struct wx_fdref ref;
	uint16_t cur;
	int ret, fl;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_FDSTAT_SET_FLAGS, &ref);
	if (ret != 0)
		goto fail;
	if ((flags & ~(uint32_t)WX_FDFLAGS_ALL) != 0) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	cur = wx_wasi_host_fdflags(ref.obj->host_fd);
	/* RSYNC alone means SYNC on Linux; compare what the host keeps. */
	if ((flags & sync) != 0 && (flags & sync) != (cur & sync) &&
	    !((flags & sync) == WX_FDFLAG_SYNC && (cur & WX_FDFLAG_SYNC))) {
		ret = WX_WASI_ENOTSUP;
		goto out;
	}
	fl = fcntl(ref.obj->host_fd, F_GETFL);
	if (fl < 0) {
		ret = wx_wasi_errno(errno);
		goto out;
	}
	fl &= ~(O_APPEND | O_NONBLOCK);
	if (flags & WX_FDFLAG_APPEND)
		fl |= O_APPEND;
	if (flags & WX_FDFLAG_NONBLOCK)
		fl |= O_NONBLOCK;
	if (fcntl(ref.obj->host_fd, F_SETFL, fl) != 0)
		ret = wx_wasi_errno(errno);
out:
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
