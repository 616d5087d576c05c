/* wasi_thread_spawn.c - wasi.thread-spawn(start_arg) -> tid, or a
 * negative errno: the wasi-threads form of thread_spawn_v2. */
#include "../internal.h"

int wx_wasix_wasi_thread_spawn(struct wx_thread *t, void *ctx,
			       uint64_t *args)
{
	uint32_t tid = 0;
	int ret = wx_thread_spawn(ctx, wx_arg32(args, 0), &tid);
	/* wasi-threads: the tid, or a negative errno. */
	args[0] = ret == 0 ? tid : (uint32_t)-ret;
	return 0;
}
