/*
 * fd_renumber.c - fd_renumber(from, to) -> errno (wasix-abi.md 2a).
 * Atomically moves `from` onto `to`, closing what `to` held; both must be
 * open (EBADF), as in wasmtime.
 */
#include "../internal.h"

int wx_wasi_fd_renumber(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;

	return wx_wasi_result(args, wx_fdtable_renumber(&w->fds,
		wx_arg32(args, 0), wx_arg32(args, 1)));
}
