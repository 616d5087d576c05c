/*
 * clock_res_get.c - clock_res_get(clockid, ret_resolution) -> errno
 * (wasix-abi.md 2a).  REALTIME, MONOTONIC, PROCESS_CPUTIME and
 * THREAD_CPUTIME map to the POSIX clocks; any other id is EINVAL.
 */
#include "../internal.h"

int wx_wasi_clock_res_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint64_t ns;
	int err = wx_wasi_clock_read(wx_arg32(args, 0), true, &ns);
	if (err == 0)
		err = wx_wasi_put64(ctx, wx_arg32(args, 1), ns);
	return wx_wasi_result(args, err);
}
