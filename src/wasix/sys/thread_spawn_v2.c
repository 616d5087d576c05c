/* thread_spawn_v2.c - thread_spawn_v2(start_ptr, ret_tid) -> errno (also
 * bound as wasix_32v1.thread_spawn): a new thread running
 * wasi_thread_start(tid, start_ptr) (thread.c). */
#include "../internal.h"

int wx_wasix_thread_spawn_v2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t tid = 0;
	int ret;
	if (wx_wasi_mem(p->wasi, wx_arg32(args, 1), 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	ret = wx_thread_spawn(p, wx_arg32(args, 0), &tid);
	if (ret == 0)
		wx_proc_put32(p, wx_arg32(args, 1), tid);
	args[0] = (uint32_t)ret;
	return 0;
}
