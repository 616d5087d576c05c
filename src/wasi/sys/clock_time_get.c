/*
 * clock_time_get.c - clock_time_get(clockid, precision:i64, ret_time) ->
 * errno (wasix-abi.md 2a).  Nanoseconds; the precision hint is ignored
 * (the host clocks are as precise as they get).
 */
#include "../internal.h"

int wx_wasi_clock_time_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	uint64_t ns;
	int err = wx_wasi_clock_read(wx_arg32(args, 0), false, &ns);
	if (err == 0)
		err = wx_wasi_put64(ctx, wx_arg32(args, 2), ns);
	return wx_wasi_result(args, err);
}
