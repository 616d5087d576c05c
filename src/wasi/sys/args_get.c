/*
 * args_get.c - args_get(argv, argv_buf) -> errno (wasix-abi.md 2a).
 * Writes argc pointers into argv and the NUL-terminated strings into
 * argv_buf; the sizes come from args_sizes_get.
 */
#include "../internal.h"

int wx_wasi_args_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;

	return wx_wasi_result(args, wx_wasi_strv_copyout(w, w->argv, w->argc,
							 w->argv_bytes,
							 wx_arg32(args, 0),
							 wx_arg32(args, 1)));
}
