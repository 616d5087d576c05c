/*
 * proc_signals_get.c - proc_signals_sizes_get(ret_count) and
 * proc_signals_get(buf) -> errno: the initial signal dispositions handed
 * to the program (wasix-abi.md 3.8) - the signals it inherited as
 * ignored (proc_spawn2's sigdisp, or kept across exec, as POSIX keeps
 * ignored dispositions); libc applies them as SIG_IGN at start-up.
 * Each entry is 2 bytes: {signal u8, disposition u8 (1: IGNORE)}.
 */
#include "../internal.h"

int wx_wasix_proc_signals_sizes_get(struct wx_thread *t, void *ctx,
				    uint64_t *args)
{
	struct wx_proc *p = ctx;
	args[0] = (uint32_t)wx_proc_put32(p, wx_arg32(args, 0),
					  (uint32_t)__builtin_popcountll(
						  p->ignored));
	return 0;
}

int wx_wasix_proc_signals_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t n = (uint32_t)__builtin_popcountll(p->ignored), k = 0;
	uint8_t *buf = wx_wasi_mem(p->wasi, wx_arg32(args, 0), 2ull * n);
	int sig;
	if (buf == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	for (sig = 1; sig < 64; sig++)
		if ((p->ignored >> sig) & 1) {
			buf[2 * k] = (uint8_t)sig;
			buf[2 * k + 1] = 1;
			k++;
		}
	args[0] = 0;
	return 0;
}
