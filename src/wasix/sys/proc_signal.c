/* proc_signal.c - proc_signal(pid, sig) -> errno: kill() within the run,
 * by virtual pid (wasix-abi.md 3.8).  Signal 0 checks that pid exists. */
#include "../internal.h"

int wx_wasix_proc_signal(struct wx_thread *t, void *ctx, uint64_t *args)
{
	args[0] = (uint32_t)wx_signal_send(ctx, wx_arg32(args, 0),
					   (int)wx_arg32(args, 1));
	return 0;
}
