/*
 * fd_prestat_get.c - fd_prestat_get(fd, ret_prestat) -> errno
 * (wasix-abi.md 2a).  prestat (8 bytes): tag u8 @0 (0 = DIR),
 * pr_name_len u32 @4.  EBADF for an fd that is not a preopen: wasi-libc
 * stops scanning for preopens at the first EBADF.
 */
#include "../internal.h"

int wx_wasi_fd_prestat_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint8_t b[WX_PRESTAT_SIZE];
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get_preopen(&w->fds, wx_arg32(args, 0), &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->preopen == NULL) {
		ret = WX_WASI_EBADF;
	} else {
		memset(b, 0, sizeof(b));
		wx_put8(b, WX_PREOPENTYPE_DIR);
		wx_put32(b + 4, (uint32_t)ref.obj->preopen_len);
		ret = wx_wasi_copyout(w, wx_arg32(args, 1), b, sizeof(b));
	}
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
