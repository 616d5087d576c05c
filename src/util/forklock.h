/*
 * forklock.h - a mutex that pthread_atfork handlers hold across fork(), so
 * that a child never inherits it locked by a thread that does not exist
 * in the child, yet that costs a single-threaded process nothing.
 *
 * Locking it in the prepare handler and unlocking it in the parent and
 * child handlers writes its page right after the fork, in both processes,
 * and the fork has just made that page copy-on-write: two page faults per
 * fork per lock (3-4 us each where this was measured).  Only another
 * thread can hold the lock at the moment of the fork, so a process that
 * has never had a second thread (glibc's __libc_single_threaded) skips
 * both.  `held` is written only when it changes: a store on every fork
 * would fault by itself.
 */
#ifndef WX_FORKLOCK_H
#define WX_FORKLOCK_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/single_threaded.h>

struct wx_forklock {
	pthread_mutex_t mu;
	bool held; /* taken by the prepare handler of the fork under way */
};

#define WX_FORKLOCK_INIT {PTHREAD_MUTEX_INITIALIZER, false}

static inline void wx_forklock_prepare(struct wx_forklock *l)
{
	bool need = !__libc_single_threaded;
	if (l->held != need)
		l->held = need;
	if (need)
		pthread_mutex_lock(&l->mu);
}

/* The parent and the child handler alike. */
static inline void wx_forklock_release(struct wx_forklock *l)
{
	if (l->held)
		pthread_mutex_unlock(&l->mu);
}

#endif
