/*
 * threads.h - a minimal pthread-like layer for guest test programs built
 * with Debian's (single-threaded) wasi-libc: threads over the WASIX and
 * wasi-threads spawn imports, mutexes and condition variables over WASIX
 * futexes, joins over memory.atomic.wait/notify.
 *
 * Build with: -matomics -mbulk-memory guest/threads.c guest/thread_start.s
 *   -Wl,--import-memory,--shared-memory,--max-memory=N,--no-check-features
 * (libc itself is not thread-safe: threads here must not call into it).
 */
#ifndef WX_GUEST_THREADS_H
#define WX_GUEST_THREADS_H

#include <stdint.h>

typedef struct wx_thr wx_thr_t;
typedef void (*wx_thr_fn)(void *arg);

/* Start fn(arg) on a new thread; `use_v2` picks wasix_32v1.thread_spawn_v2
 * instead of wasi.thread-spawn.  NULL on failure (errno-like code in
 * *err). */
wx_thr_t *wx_thr_create(wx_thr_fn fn, void *arg, int use_v2, int *err);
/* Wait for the thread's function to return, with memory.atomic.wait. */
void wx_thr_wait(wx_thr_t *t);
/* The WASIX tid the runtime gave the thread. */
int32_t wx_thr_tid(wx_thr_t *t);

typedef struct {
	volatile int32_t state; /* 0 free, 1 locked, 2 locked + waiters */
} wx_mutex_t;
typedef struct {
	volatile int32_t seq;
} wx_cond_t;

void wx_mutex_lock(wx_mutex_t *m);
void wx_mutex_unlock(wx_mutex_t *m);
void wx_cond_wait(wx_cond_t *c, wx_mutex_t *m);
void wx_cond_broadcast(wx_cond_t *c);

/* Raw WASIX thread imports. */
int32_t wx_raw_thread_spawn_v2(int32_t start, int32_t ret_tid)
	__attribute__((import_module("wasix_32v1"),
		       import_name("thread_spawn_v2")));
int32_t wx_raw_thread_join(int32_t tid)
	__attribute__((import_module("wasix_32v1"), import_name("thread_join")));
void wx_raw_thread_exit(int32_t code)
	__attribute__((import_module("wasix_32v1"), import_name("thread_exit")));
int32_t wx_raw_thread_id(int32_t ret_tid)
	__attribute__((import_module("wasix_32v1"), import_name("thread_id")));
int32_t wx_raw_futex_wait(int32_t addr, int32_t expected, int32_t timeout,
			  int32_t ret_woken)
	__attribute__((import_module("wasix_32v1"), import_name("futex_wait")));
int32_t wx_raw_futex_wake(int32_t addr, int32_t ret_woken)
	__attribute__((import_module("wasix_32v1"), import_name("futex_wake")));
int32_t wx_raw_futex_wake_all(int32_t addr, int32_t ret_woken)
	__attribute__((import_module("wasix_32v1"),
		       import_name("futex_wake_all")));

#endif
