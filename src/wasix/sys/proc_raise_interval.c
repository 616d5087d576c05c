/* proc_raise_interval.c - proc_raise_interval(sig, interval_ns, repeat)
 * -> errno: alarm()/setitimer(): raise `sig` after the interval, again
 * every interval if `repeat`; 0 cancels.  A real timer, so it fires even
 * while the guest computes or blocks (Wasmer's does not: its #5907). */
#include "../internal.h"

int wx_wasix_proc_raise_interval(struct wx_thread *t, void *ctx,
				 uint64_t *args)
{
	args[0] = (uint32_t)wx_signal_interval((int)wx_arg32(args, 0), args[1],
					       wx_arg32(args, 2) != 0);
	return 0;
}
