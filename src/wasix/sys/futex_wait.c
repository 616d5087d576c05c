/* futex_wait.c - futex_wait(addr, expected, timeout_opt, ret_woken) ->
 * errno: block while *addr == expected (runtime/waiter.c); the timeout is
 * a relative option_timestamp.
 *
 * The result is 0 whenever the wait itself went as a futex wait goes
 * (Wasmer's answer): wasix-libc traps on any other errno.  *ret_woken
 * tells the cases apart: 0 only for a timeout; 1 when woken, when the
 * value already differed, and when a signal interrupted the wait - a
 * spurious wakeup, which every futex user tolerates (the caller
 * re-checks its condition; the handler runs at the next safe point).
 * Reporting woken=0 there would turn a signal into an early timeout. */
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
	*woken = r != 2;
	args[0] = 0;
	return 0;
}
