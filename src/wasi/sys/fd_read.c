/*
 * fd_read.c - fd_read(fd, iovs, iovs_len, ret_nread) -> errno
 * (wasix-abi.md 2a).  The data path is wx_wasi_rw (rw.c): iovecs checked
 * first (EFAULT), host calls in bounded chunks, short transfers handled
 * as that file explains.  A missing FD_READ right is EBADF, as in POSIX.
 */
#include "../internal.h"

int wx_wasi_fd_read(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_wasi_rw_call(ctx, args, false, false);
}
