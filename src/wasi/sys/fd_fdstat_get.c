/*
 * fd_fdstat_get.c - fd_fdstat_get(fd, ret_fdstat) -> errno
 * (wasix-abi.md 2a).  fdstat (24 bytes): filetype u8 @0, fdflags u16 @2,
 * rights_base u64 @8, rights_inheriting u64 @16.  Needs no right.
 *
 * A preopen the program closed still answers here (fdtable.h, `pre`):
 * wasi-libc's access() checks the rights of the preopen it resolves a
 * path through, and would fail every access(X_OK) - a shell's command
 * search - once a script ran `exec 3>&-`.
 */
#include "../internal.h"

int wx_wasi_fd_fdstat_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint8_t b[WX_FDSTAT_SIZE];
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), 0, &ref);
	if (ret == WX_WASI_EBADF)
		ret = wx_fdtable_get_preopen(&w->fds, wx_arg32(args, 0), &ref);
	if (ret != 0)
		goto fail;
	memset(b, 0, sizeof(b));
	wx_put8(b, ref.obj->filetype);
	wx_put16(b + 2, wx_wasi_host_fdflags(ref.obj->host_fd));
	wx_put64(b + 8, ref.rights_base);
	wx_put64(b + 16, ref.rights_inh);
	wx_fdref_release(&ref);
	ret = wx_wasi_copyout(w, wx_arg32(args, 1), b, sizeof(b));
fail:
	return wx_wasi_result(args, ret);
}
