/* thread_exit.c - thread_exit(code): ends the calling thread.
 *
 * In the main thread (pthread_exit from main) only that thread ends, as
 * POSIX has it: the process lives on while other threads run and exits
 * with status 0 after the last one has ended.  The main thread's host
 * thread waits for that moment; process signals still reach it meanwhile
 * (their handlers or default actions run on its instance, whose stack the
 * libc leaves in place), so a SIGTERM still ends the process. */
#include <time.h>

#include "../internal.h"

static int main_thread_exit(struct wx_thread *t, struct wx_proc *p,
			    int code)
{
	struct timespec ts;
	int r;
	pthread_mutex_lock(&p->threads_lock);
	if (p->nthreads == 0) {
		/* The last thread: its code is the process's (Wasmer's
		 * thread_exit; libc passes 0 here, as POSIX wants). */
		pthread_mutex_unlock(&p->threads_lock);
		t->exit_code = code;
		return WX_EEXIT;
	}
	while (p->nthreads > 0) {
		if (__atomic_load_n(&t->interrupt, __ATOMIC_ACQUIRE) != 0) {
			pthread_mutex_unlock(&p->threads_lock);
			r = wx_signal_deliver(t, p);
			if (r != 0)
				return r;
			pthread_mutex_lock(&p->threads_lock);
			continue;
		}
		/* Signals only kick the thread: wake now and then to look. */
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&p->threads_cond, &p->threads_lock, &ts);
	}
	pthread_mutex_unlock(&p->threads_lock);
	t->exit_code = 0;
	return WX_EEXIT;
}

int wx_wasix_thread_exit(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_tinfo *ti = t->owner;
	if (ti == NULL || p->thread == t)
		return main_thread_exit(t, p, (int)wx_arg32(args, 0));
	ti->exit_code = (int)wx_arg32(args, 0);
	return WX_ETHREAD_EXIT;
}
