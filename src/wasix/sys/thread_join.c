/* thread_join.c - thread_join(tid) -> errno: wait until thread `tid` has
 * left wasm, then release its instance.  ESRCH for an unknown tid,
 * EDEADLK for the caller itself. */
#include <stdlib.h>

#include "../internal.h"

int wx_wasix_thread_join(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t tid = wx_arg32(args, 0);
	struct wx_tinfo **pp, *ti;
	pthread_mutex_lock(&p->threads_lock);
	for (pp = &p->threads; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->tid == tid)
			break;
	if (*pp == NULL || tid == t->id) {
		pthread_mutex_unlock(&p->threads_lock);
		args[0] = *pp == NULL ? WX_WASI_ESRCH : WX_WASI_EDEADLK;
		return 0;
	}
	ti = *pp;
	while (!ti->done)
		pthread_cond_wait(&p->threads_cond, &p->threads_lock);
	*pp = ti->next;
	pthread_mutex_unlock(&p->threads_lock);
	/* The thread has left wasm for good: its instance can go. */
	wx_tinfo_free(ti);
	args[0] = 0;
	return 0;
}
