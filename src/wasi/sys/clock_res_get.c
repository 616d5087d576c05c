/*
 * clock_res_get.c - clock_res_get(clockid, ret_resolution) -> errno
 * (wasix-abi.md 2a).  REALTIME, MONOTONIC, PROCESS_CPUTIME and
 * THREAD_CPUTIME map to the POSIX clocks; any other id is EINVAL.
 */
#include <errno.h>
#include <time.h>

#include "../internal.h"

int wx_wasi_clock_res_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
					 CLOCK_PROCESS_CPUTIME_ID,
					 CLOCK_THREAD_CPUTIME_ID };
	uint32_t id = wx_arg32(args, 0);
	struct timespec ts;
	uint64_t ns;

	if (id >= WX_ARRAY_LEN(ids))
		return wx_wasi_result(args, WX_WASI_EINVAL);
	if (clock_getres(ids[id], &ts) != 0)
		return wx_wasi_result(args, wx_wasi_errno(errno));
	ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	return wx_wasi_result(args, wx_wasi_put64(ctx, wx_arg32(args, 1), ns));
}
