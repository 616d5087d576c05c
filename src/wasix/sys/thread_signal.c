/* thread_signal.c - thread_signal(tid, sig) -> errno: a signal for one
 * thread of this process; with one thread per process that is tid 1. */
#include "../internal.h"

int wx_wasix_thread_signal(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t sig = wx_arg32(args, 1);
	if (wx_arg32(args, 0) != 1) {
		args[0] = WX_WASI_ESRCH;
		return 0;
	}
	if (sig > 31) {
		args[0] = WX_WASI_EINVAL;
		return 0;
	}
	if (sig != 0)
		wx_signal_raise_self(p, (int)sig);
	args[0] = 0;
	return 0;
}
