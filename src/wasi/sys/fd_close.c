/*
 * fd_close.c - fd_close(fd) -> errno (wasix-abi.md 2a).
 * Removes the guest fd; the host fd closes with the last reference (an
 * operation still running on it in another thread keeps it alive).
 * Preopens may be closed, as in wasmtime and Wasmer.
 */
#include "../internal.h"

int wx_wasi_fd_close(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;

	return wx_wasi_result(args, wx_fdtable_close(&w->fds,
						     wx_arg32(args, 0)));
}
