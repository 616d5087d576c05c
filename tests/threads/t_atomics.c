/* t_atomics.c - 64 threads increment shared counters with atomics; half
 * are started with wasi.thread-spawn, half with thread_spawn_v2; every
 * thread gets a distinct tid. */
#include "../../guest/threads.h"
#include "t.h"

#define N 64
#define ITERS 20000

static int32_t counter;
static int64_t wide;
static int32_t tids[N];

static void work(void *arg)
{
	int i;
	for (i = 0; i < ITERS; i++) {
		__atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_add(&wide, 3, __ATOMIC_SEQ_CST);
	}
	wx_raw_thread_id((int32_t)(uintptr_t)&tids[(intptr_t)arg]);
}

int main(void)
{
	wx_thr_t *t[N];
	int i, j, err;
	for (i = 0; i < N; i++) {
		t[i] = wx_thr_create(work, (void *)(intptr_t)i, i & 1, &err);
		CHECK(t[i] != NULL, "spawn %d failed: errno %d", i, err);
	}
	for (i = 0; i < N; i++)
		if (t[i] != NULL)
			wx_thr_wait(t[i]);
	CHECK(counter == N * ITERS, "counter %d, want %d", counter, N * ITERS);
	CHECK(wide == 3LL * N * ITERS, "wide %lld", (long long)wide);
	for (i = 0; i < N; i++) {
		CHECK(tids[i] > 1 && tids[i] == wx_thr_tid(t[i]),
		      "thread %d: thread_id %d, spawn gave %d", i, tids[i],
		      wx_thr_tid(t[i]));
		for (j = 0; j < i; j++)
			CHECK(tids[i] != tids[j], "tid %d twice", tids[i]);
	}
	return t_failures != 0;
}
