/*
 * proc_signals_get.c - proc_signals_sizes_get(ret_count) and
 * proc_signals_get(buf) -> errno: the initial signal dispositions handed
 * to the program (wasix-abi.md 3.8), which libc applies with its own
 * sigaction at start-up.  Each entry is 2 bytes: {signal u8, disposition
 * u8 (0: DEFAULT, 1: IGNORE)}.  Ignored are the signals inherited as
 * ignored (proc_spawn2's sigdisp, or kept across exec as POSIX keeps
 * ignored dispositions).  Every other catchable signal is listed as
 * DEFAULT: wasix-libc's __wasm_signal calls a default handler that only
 * a sigaction call sets up ("uninitialized element" otherwise), and this
 * makes libc's start-up make that call.
 */
#include <signal.h>

#include "../internal.h"

static bool listed(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP;
}

int wx_wasix_proc_signals_sizes_get(struct wx_thread *t, void *ctx,
				    uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t n = 0;
	int sig;
	for (sig = 1; sig < 32; sig++)
		n += listed(sig);
	args[0] = (uint32_t)wx_proc_put32(p, wx_arg32(args, 0), n);
	return 0;
}

int wx_wasix_proc_signals_get(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t n = 0, k = 0;
	uint8_t *buf;
	int sig;
	for (sig = 1; sig < 32; sig++)
		n += listed(sig);
	buf = wx_wasi_mem(p->wasi, wx_arg32(args, 0), 2ull * n);
	if (buf == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	for (sig = 1; sig < 32; sig++)
		if (listed(sig)) {
			buf[2 * k] = (uint8_t)sig;
			buf[2 * k + 1] = (uint8_t)((p->ignored >> sig) & 1);
			k++;
		}
	args[0] = 0;
	return 0;
}
