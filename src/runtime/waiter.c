/*
 * waiter.c - blocking for memory.atomic.wait / notify and WASIX futexes.
 *
 * Waiters queue per address in a small hash of buckets, each with its own
 * mutex; every waiter sleeps on its own condition variable, so notify wakes
 * exactly the threads it counts, in FIFO order (the threads proposal only
 * requires fairness per address).  A waiter is identified by (memory,
 * address): two memories never share a queue.
 *
 * Interruption: a thread that must run a signal handler or exit is kicked
 * (wx_thread_kick): the interrupt word is set first, then the thread's
 * current wait lock is taken and its condition signalled.  The waiter
 * publishes its lock before checking the interrupt word under that lock,
 * so a kick can never fall between the check and the sleep.
 */
#include <errno.h>
#include <time.h>

#include "runtime.h"

#define WX_WAIT_BUCKETS 64

struct wx_waiter {
	struct wx_waiter *next;
	const struct wx_memory *mem;
	uint64_t ea;
	pthread_cond_t cond;
	bool woken;
};

static struct wx_wait_bucket {
	pthread_mutex_t lock;
	struct wx_waiter *head;
} buckets[WX_WAIT_BUCKETS];

static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void buckets_init(void)
{
	size_t i;
	for (i = 0; i < WX_WAIT_BUCKETS; i++)
		pthread_mutex_init(&buckets[i].lock, NULL);
}

static struct wx_wait_bucket *bucket_of(const struct wx_memory *mem,
					uint64_t ea)
{
	uint64_t h = ((uintptr_t)mem >> 4) ^ (ea >> 2) ^ (ea >> 9);
	pthread_once(&buckets_once, buckets_init);
	return &buckets[h % WX_WAIT_BUCKETS];
}

static void unlink_waiter(struct wx_wait_bucket *b, struct wx_waiter *w)
{
	struct wx_waiter **pp;
	for (pp = &b->head; *pp != NULL; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			return;
		}
}

int wx_atomic_wait(struct wx_thread *t, struct wx_memory *mem, uint64_t ea,
		   uint64_t expected, bool is64, int64_t timeout_ns)
{
	struct wx_wait_bucket *b = bucket_of(mem, ea);
	struct wx_waiter w = {.mem = mem, .ea = ea};
	struct timespec deadline;
	uint64_t cur;
	int ret = 0;

	if (timeout_ns >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += timeout_ns / 1000000000;
		deadline.tv_nsec += timeout_ns % 1000000000;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
	}
	{
		pthread_condattr_t a;
		pthread_condattr_init(&a);
		pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
		pthread_cond_init(&w.cond, &a);
		pthread_condattr_destroy(&a);
	}
	pthread_mutex_lock(&b->lock);
	cur = is64 ? __atomic_load_n((uint64_t *)(mem->base + ea),
				     __ATOMIC_SEQ_CST)
		   : __atomic_load_n((uint32_t *)(mem->base + ea),
				     __ATOMIC_SEQ_CST);
	if (cur != expected) {
		pthread_mutex_unlock(&b->lock);
		pthread_cond_destroy(&w.cond);
		return 1;
	}
	w.next = b->head;
	b->head = &w;
	__atomic_store_n(&t->wait_cond, &w.cond, __ATOMIC_SEQ_CST);
	__atomic_store_n(&t->wait_lock, &b->lock, __ATOMIC_SEQ_CST);
	while (!w.woken) {
		if (__atomic_load_n(&t->interrupt, __ATOMIC_SEQ_CST)) {
			ret = -1;
			break;
		}
		if (timeout_ns < 0) {
			pthread_cond_wait(&w.cond, &b->lock);
		} else if (pthread_cond_timedwait(&w.cond, &b->lock,
						  &deadline) == ETIMEDOUT &&
			   !w.woken) {
			ret = 2;
			break;
		}
	}
	if (w.woken)
		ret = 0;
	else
		unlink_waiter(b, &w);
	__atomic_store_n(&t->wait_lock, NULL, __ATOMIC_SEQ_CST);
	__atomic_store_n(&t->wait_cond, NULL, __ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&b->lock);
	pthread_cond_destroy(&w.cond);
	return ret;
}

uint32_t wx_atomic_notify(struct wx_memory *mem, uint64_t ea, uint32_t count)
{
	struct wx_wait_bucket *b = bucket_of(mem, ea);
	struct wx_waiter **pp;
	uint32_t n = 0;
	pthread_mutex_lock(&b->lock);
	/* The oldest waiters are at the tail: collect in arrival order by
	 * walking and waking from the end. */
	while (n < count) {
		struct wx_waiter **last = NULL;
		for (pp = &b->head; *pp != NULL; pp = &(*pp)->next)
			if ((*pp)->mem == mem && (*pp)->ea == ea)
				last = pp;
		if (last == NULL)
			break;
		{
			struct wx_waiter *w = *last;
			*last = w->next;
			w->woken = true;
			pthread_cond_signal(&w->cond);
		}
		n++;
	}
	pthread_mutex_unlock(&b->lock);
	return n;
}

void wx_thread_kick(struct wx_thread *t, uint32_t bits)
{
	pthread_mutex_t *lock;
	__atomic_or_fetch(&t->interrupt, bits, __ATOMIC_SEQ_CST);
	lock = __atomic_load_n(&t->wait_lock, __ATOMIC_SEQ_CST);
	if (lock != NULL) {
		pthread_mutex_lock(lock);
		/* Still waiting on the same lock?  Then its cond is valid. */
		if (__atomic_load_n(&t->wait_lock, __ATOMIC_SEQ_CST) == lock)
			pthread_cond_signal(t->wait_cond);
		pthread_mutex_unlock(lock);
	}
}
