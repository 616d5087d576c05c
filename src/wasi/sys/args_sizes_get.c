/*
 * args_sizes_get.c - args_sizes_get(ret_argc, ret_buf_size) -> errno
 * (wasix-abi.md 2a).  Both results are u32; the buffer size counts NULs.
 */
#include "../internal.h"

int wx_wasi_args_sizes_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	int ret;

	ret = wx_wasi_put32(w, wx_arg32(args, 0), (uint32_t)w->argc);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 1),
				    (uint32_t)w->argv_bytes);
	return wx_wasi_result(args, ret);
}
