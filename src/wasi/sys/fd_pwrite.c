/*
 * fd_pwrite.c - fd_pwrite(fd, iovs, iovs_len, offset:i64, ret_nwritten) -> errno
 * (wasix-abi.md 2a).  The data path is wx_wasi_rw (rw.c): iovecs checked
 * first (EFAULT), host calls in bounded chunks, short transfers handled
 * as that file explains.  A missing FD_WRITE right is EBADF, as in POSIX.
 * Positioned: FD_SEEK is not required (witx lists it), so that a pipe
 * answers ESPIPE as in POSIX and wasmtime rather than ENOTCAPABLE.
 */
#include "../internal.h"

int wx_wasi_fd_pwrite(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_wasi_rw_call(ctx, args, true, true);
}
