/* thread_signal.c - thread_signal(tid, sig) -> errno: a signal for one
 * thread; its handler runs on that thread (ESRCH for an unknown tid). */
#include "../internal.h"

#define WX_MAIN_TID_LIBC 0x3fffffffu

int wx_wasix_thread_signal(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t tid = wx_arg32(args, 0), sig = wx_arg32(args, 1);
	struct wx_thread *main_t = __atomic_load_n(&p->thread, __ATOMIC_ACQUIRE);
	struct wx_tinfo *ti;
	if (sig > 31) {
		args[0] = WX_WASI_EINVAL;
		return 0;
	}
	/* wasix-libc's main thread has the placeholder tid 0x3fffffff
	 * (its pthread record is made before any thread_id call), and
	 * raise() passes that. */
	if (main_t != NULL && (tid == main_t->id || tid == WX_MAIN_TID_LIBC)) {
		if (sig != 0)
			wx_signal_raise_self(p, (int)sig);
		args[0] = 0;
		return 0;
	}
	pthread_mutex_lock(&p->threads_lock);
	for (ti = p->threads; ti != NULL; ti = ti->next)
		if (ti->tid == tid && !ti->done)
			break;
	if (ti != NULL && sig != 0) {
		__atomic_or_fetch(&ti->pending, 1ull << sig, __ATOMIC_SEQ_CST);
		wx_thread_kick(&ti->t, WX_INTR_SIGNAL | WX_INTR_EINTR);
	}
	pthread_mutex_unlock(&p->threads_lock);
	args[0] = ti != NULL ? 0 : WX_WASI_ESRCH;
	return 0;
}
