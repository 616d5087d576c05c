/* futex_wait.c - futex_wait(addr, expected, timeout_opt, ret_woken) ->
 * errno: block while *addr == expected (runtime/waiter.c); the timeout is
 * a relative option_timestamp. */
#include "../internal.h"

int wx_wasix_futex_wait(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t addr = wx_arg32(args, 0), expected = wx_arg32(args, 1);
	uint32_t topt = wx_arg32(args, 2), ret_woken = wx_arg32(args, 3);
	struct wx_memory *mem = wx_futex_mem(p, addr);
	uint8_t *woken = wx_wasi_mem(p->wasi, ret_woken, 1);
	int64_t timeout = -1;
	int r;
	if (mem == NULL || woken == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (topt != 0) {
		const uint8_t *o = wx_wasi_mem(p->wasi, topt, 16);
		if (o == NULL) {
			args[0] = WX_WASI_EMEMVIOLATION;
			return 0;
		}
		if (o[0] == 1) {
			uint64_t ns = wx_get64(o + 8);
			timeout = ns > INT64_MAX ? INT64_MAX : (int64_t)ns;
		}
	}
	r = wx_atomic_wait(t, mem, addr, expected, false, timeout);
	*woken = r == 0;
	/* Not-equal is a normal return (the caller re-checks); an
	 * interruption returns EINTR after the handler has run. */
	args[0] = r == 2 ? WX_WASI_ETIMEDOUT : r < 0 ? WX_WASI_EINTR : 0;
	return 0;
}
