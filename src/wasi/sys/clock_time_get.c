/*
 * clock_time_get.c - clock_time_get(clockid, precision:i64, ret_time) ->
 * errno (wasix-abi.md 2a).  Nanoseconds; the precision hint is ignored
 * (the host clocks are as precise as they get).
 */
#include <errno.h>
#include <time.h>

#include "../internal.h"

int wx_wasi_clock_time_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
					 CLOCK_PROCESS_CPUTIME_ID,
					 CLOCK_THREAD_CPUTIME_ID };
	uint32_t id = wx_arg32(args, 0);
	struct timespec ts;
	uint64_t ns;

	if (id >= WX_ARRAY_LEN(ids))
		return wx_wasi_result(args, WX_WASI_EINVAL);
	if (clock_gettime(ids[id], &ts) != 0)
		return wx_wasi_result(args, wx_wasi_errno(errno));
	ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	return wx_wasi_result(args, wx_wasi_put64(ctx, wx_arg32(args, 2), ns));
}
