/* thread_exit.c - thread_exit(code): ends the calling thread; in the
 * process's main thread it ends the process. */
#include "../internal.h"

int wx_wasix_thread_exit(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_tinfo *ti = t->owner;
	if (ti == NULL || p->thread == t) {
		/* The main thread: its exit is the process's. */
		t->exit_code = (int)wx_arg32(args, 0);
		return WX_EEXIT;
	}
	ti->exit_code = (int)wx_arg32(args, 0);
	return WX_ETHREAD_EXIT;
}
