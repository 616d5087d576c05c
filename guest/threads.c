/*
 * threads.c - see threads.h.  Each thread gets a 64 KiB shadow stack from
 * a static pool (the start struct's first word is its top, which
 * thread_start.s installs as __stack_pointer).  The mutex is the classic
 * three-state futex lock; the condition variable a sequence counter.
 */
#include "threads.h"

#define WX_THR_MAX 80
#define WX_THR_STACK 65536

struct wx_thr {
	uint32_t stack_top; /* first: read by thread_start.s */
	uint8_t start_v2[60]; /* the rest of thread_start_t (64 bytes) */
	wx_thr_fn fn;
	void *arg;
	volatile int32_t done;
	int32_t tid;
};

static struct wx_thr pool[WX_THR_MAX];
static uint8_t stacks[WX_THR_MAX][WX_THR_STACK]
	__attribute__((aligned(16)));
static int32_t next;

void wx_thread_entry(int32_t tid, struct wx_thr *t);
void wx_thread_entry(int32_t tid, struct wx_thr *t)
{
	t->tid = tid;
	t->fn(t->arg);
	__atomic_store_n(&t->done, 1, __ATOMIC_SEQ_CST);
	__builtin_wasm_memory_atomic_notify((int32_t *)&t->done, 1u << 30);
}

int32_t wx_raw_wasi_thread_spawn(int32_t arg)
	__attribute__((import_module("wasi"), import_name("thread-spawn")));

wx_thr_t *wx_thr_create(wx_thr_fn fn, void *arg, int use_v2, int *err)
{
	int32_t i = __atomic_fetch_add(&next, 1, __ATOMIC_SEQ_CST), r;
	struct wx_thr *t;
	if (i >= WX_THR_MAX) {
		*err = 6; /* EAGAIN */
		return 0;
	}
	t = &pool[i];
	t->stack_top = (uint32_t)(uintptr_t)(stacks[i] + WX_THR_STACK);
	t->fn = fn;
	t->arg = arg;
	t->done = 0;
	if (use_v2) {
		int32_t tid = 0;
		r = wx_raw_thread_spawn_v2((int32_t)(uintptr_t)t,
					   (int32_t)(uintptr_t)&tid);
		if (r != 0) {
			*err = r;
			return 0;
		}
	} else {
		r = wx_raw_wasi_thread_spawn((int32_t)(uintptr_t)t);
		if (r < 0) {
			*err = -r;
			return 0;
		}
	}
	*err = 0;
	return t;
}

void wx_thr_wait(wx_thr_t *t)
{
	while (!__atomic_load_n(&t->done, __ATOMIC_SEQ_CST))
		__builtin_wasm_memory_atomic_wait32((int32_t *)&t->done, 0, -1);
}

int32_t wx_thr_tid(wx_thr_t *t)
{
	return t->tid;
}

static int32_t cas(volatile int32_t *p, int32_t expect, int32_t want)
{
	__atomic_compare_exchange_n(p, &expect, want, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return expect;
}

void wx_mutex_lock(wx_mutex_t *m)
{
	int32_t c = cas(&m->state, 0, 1);
	uint8_t woken;
	if (c == 0)
		return;
	if (c != 2)
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
	while (c != 0) {
		wx_raw_futex_wait((int32_t)(uintptr_t)&m->state, 2, 0,
				  (int32_t)(uintptr_t)&woken);
		c = __atomic_exchange_n(&m->state, 2, __ATOMIC_SEQ_CST);
	}
}

void wx_mutex_unlock(wx_mutex_t *m)
{
	uint8_t woken;
	if (__atomic_fetch_sub(&m->state, 1, __ATOMIC_SEQ_CST) != 1) {
		__atomic_store_n(&m->state, 0, __ATOMIC_SEQ_CST);
		wx_raw_futex_wake((int32_t)(uintptr_t)&m->state,
				  (int32_t)(uintptr_t)&woken);
	}
}

void wx_cond_wait(wx_cond_t *c, wx_mutex_t *m)
{
	int32_t seq = __atomic_load_n(&c->seq, __ATOMIC_SEQ_CST);
	uint8_t woken;
	wx_mutex_unlock(m);
	wx_raw_futex_wait((int32_t)(uintptr_t)&c->seq, seq, 0,
			  (int32_t)(uintptr_t)&woken);
	wx_mutex_lock(m);
}

void wx_cond_broadcast(wx_cond_t *c)
{
	uint8_t woken;
	__atomic_fetch_add(&c->seq, 1, __ATOMIC_SEQ_CST);
	wx_raw_futex_wake_all((int32_t)(uintptr_t)&c->seq,
			      (int32_t)(uintptr_t)&woken);
}
