/*
 * fd_fdstat_set_rights.c - fd_fdstat_set_rights(fd, base:i64, inh:i64) ->
 * errno (wasix-abi.md 2a).  Rights can only be dropped: asking for one the
 * fd does not have is ENOTCAPABLE.
 */
#include "../internal.h"

int wx_wasi_fd_fdstat_set_rights(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	struct wx_wasi *w = ctx;

	return wx_wasi_result(args, wx_fdtable_set_rights(&w->fds,
		wx_arg32(args, 0), wx_arg64(args, 1), wx_arg64(args, 2)));
}
