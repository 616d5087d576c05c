/*
 * fd_prestat_dir_name.c - fd_prestat_dir_name(fd, buf, buf_len) -> errno
 * (wasix-abi.md 2a).  Writes the preopen's guest path, not
 * NUL-terminated; a buffer shorter than pr_name_len is ENAMETOOLONG (as
 * wasmtime); a longer one gets only pr_name_len bytes.
 */
#include "../internal.h"

int wx_wasi_fd_prestat_dir_name(struct wx_thread *t, void *ctx,
				uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t len = wx_arg32(args, 2);
	struct wx_fdref ref;
	int ret;

	ret = wx_fdtable_get_preopen(&w->fds, wx_arg32(args, 0), &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->preopen == NULL)
		ret = WX_WASI_EBADF;
	else if (len < ref.obj->preopen_len)
		ret = WX_WASI_ENAMETOOLONG;
	else
		ret = wx_wasi_copyout(w, wx_arg32(args, 1), ref.obj->preopen,
				      ref.obj->preopen_len);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
