/*
 * environ_sizes_get.c - environ_sizes_get(ret_count, ret_buf_size) ->
 * errno (wasix-abi.md 2a).
 */
#include "../internal.h"

int wx_wasi_environ_sizes_get(struct wx_thread *t, void *ctx,
			      uint64_t *args)
{
	struct wx_wasi *w = ctx;
	int ret;

	ret = wx_wasi_put32(w, wx_arg32(args, 0), (uint32_t)w->envc);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 1),
				    (uint32_t)w->env_bytes);
	return wx_wasi_result(args, ret);
}
