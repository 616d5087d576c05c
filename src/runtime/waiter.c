/*
 * waiter.c - blocking for memory.atomic.wait / notify and WASIX futexes.
 *
 * Waiters queue per address in a small hash of buckets; each bucket's
 * mutex guards only its list, never a sleep.  A waiter sleeps on a futex
 * word of its own with the raw futex system call, which returns EINTR
 * when a signal handler runs on that thread: that is how a kick
 * (wx_thread_kick, or a guest signal's host handler) reaches a blocked
 * thread, and why this does not use pthread condition variables (their
 * waits resume silently after a signal).  notify wakes exactly the
 * threads it counts, oldest first.
 *
 * Lifetime: a waiter's record lives on its stack; it always re-takes the
 * bucket lock before returning, and notify holds that lock while it
 * wakes, so notify never touches a record that is gone.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "runtime.h"

#define WX_WAIT_BUCKETS 64

struct wx_waiter {
	struct wx_waiter *next;
	const struct wx_memory *mem;
	uint64_t ea;
	uint32_t woken; /* the futex word: 0 waiting, 1 woken */
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

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int wx_atomic_wait(struct wx_thread *t, struct wx_memory *mem, uint64_t ea,
		   uint64_t expected, bool is64, int64_t timeout_ns)
{
	struct wx_wait_bucket *b = bucket_of(mem, ea);
	struct wx_waiter w = {.mem = mem, .ea = ea};
	uint64_t deadline = 0, cur;
	int ret = 0;

	if (timeout_ns >= 0) {
		deadline = now_ns() + (uint64_t)timeout_ns;
		if (deadline < (uint64_t)timeout_ns)
			deadline = UINT64_MAX;
	}
	pthread_mutex_lock(&b->lock);
	cur = is64 ? __atomic_load_n((uint64_t *)(mem->base + ea),
				     __ATOMIC_SEQ_CST)
		   : __atomic_load_n((uint32_t *)(mem->base + ea),
				     __ATOMIC_SEQ_CST);
	if (cur != expected) {
		pthread_mutex_unlock(&b->lock);
		return 1;
	}
	/* Append: notify wakes from the head, oldest first. */
	{
		struct wx_waiter **pp = &b->head;
		while (*pp != NULL)
			pp = &(*pp)->next;
		*pp = &w;
	}
	pthread_mutex_unlock(&b->lock);

	for (;;) {
		struct timespec ts, *tsp = NULL;
		if (__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE))
			break;
		if (__atomic_load_n(&t->interrupt, __ATOMIC_SEQ_CST)) {
			ret = -1;
			break;
		}
		if (timeout_ns >= 0) {
			uint64_t now = now_ns();
			if (now >= deadline) {
				ret = 2;
				break;
			}
			ts.tv_sec = (time_t)((deadline - now) / 1000000000u);
			ts.tv_nsec = (long)((deadline - now) % 1000000000u);
			tsp = &ts;
		}
		syscall(SYS_futex, &w.woken, FUTEX_WAIT_PRIVATE, 0, tsp, NULL,
			0);
	}
	pthread_mutex_lock(&b->lock);
	if (__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE))
		ret = 0; /* a notify that raced with timeout/kick counts */
	else
		unlink_waiter(b, &w);
	pthread_mutex_unlock(&b->lock);
	return ret;
}

uint32_t wx_atomic_notify(struct wx_memory *mem, uint64_t ea, uint32_t count)
{
	struct wx_wait_bucket *b = bucket_of(mem, ea);
	struct wx_waiter **pp;
	uint32_t n = 0;
	pthread_mutex_lock(&b->lock);
	for (pp = &b->head; *pp != NULL && n < count;) {
		struct wx_waiter *w = *pp;
		if (w->mem != mem || w->ea != ea) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		__atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &w->woken, FUTEX_WAKE_PRIVATE, 1, NULL,
			NULL, 0);
		n++;
	}
	pthread_mutex_unlock(&b->lock);
	return n;
}

static void kick_handler(int sig)
{
	(void)sig; /* only here to interrupt a blocking system call */
}

static void kick_init_once(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler; /* no SA_RESTART: syscalls see EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(WX_KICK_SIGNAL, &sa, NULL);
}

void wx_kick_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, kick_init_once);
}

void wx_thread_kick(struct wx_thread *t, uint32_t bits)
{
	__atomic_or_fetch(&t->interrupt, bits, __ATOMIC_SEQ_CST);
	/* has_host_thread is published (release) after host_thread. */
	if (__atomic_load_n(&t->has_host_thread, __ATOMIC_ACQUIRE))
		pthread_kill(t->host_thread, WX_KICK_SIGNAL);
}
