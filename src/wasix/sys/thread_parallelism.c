/* thread_parallelism.c - thread_parallelism(ret_size) -> errno: the
 * number of host CPUs available. */
#include <unistd.h>

#include "../internal.h"

int wx_wasix_thread_parallelism(struct wx_thread *t, void *ctx,
				uint64_t *args)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	args[0] = (uint32_t)wx_proc_put32(ctx, wx_arg32(args, 0),
					  n > 0 ? (uint32_t)n : 1);
	return 0;
}
