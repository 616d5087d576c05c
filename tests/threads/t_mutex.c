/* t_mutex.c - a work queue: 8 workers take items under a futex mutex and
 * wait on a condition variable; the main thread produces 2000 items. */
#include "../../guest/threads.h"
#include "t.h"

#define WORKERS 8
#define ITEMS 2000

static wx_mutex_t lock;
static wx_cond_t more;
static int queue[ITEMS];
static int head, tail, finished;
static int64_t sum;
static int taken[WORKERS];

static void worker(void *arg)
{
	int me = (int)(intptr_t)arg;
	for (;;) {
		int item;
		wx_mutex_lock(&lock);
		while (head == tail && !finished)
			wx_cond_wait(&more, &lock);
		if (head == tail) {
			wx_mutex_unlock(&lock);
			return;
		}
		item = queue[head++];
		sum += item; /* plain add: the mutex must protect it */
		taken[me]++;
		wx_mutex_unlock(&lock);
	}
}

int main(void)
{
	wx_thr_t *t[WORKERS];
	int i, err, total = 0;
	for (i = 0; i < WORKERS; i++) {
		t[i] = wx_thr_create(worker, (void *)(intptr_t)i, 1, &err);
		CHECK(t[i] != NULL, "spawn failed: %d", err);
	}
	for (i = 0; i < ITEMS; i++) {
		wx_mutex_lock(&lock);
		queue[tail++] = i + 1;
		wx_cond_broadcast(&more);
		wx_mutex_unlock(&lock);
	}
	wx_mutex_lock(&lock);
	finished = 1;
	wx_cond_broadcast(&more);
	wx_mutex_unlock(&lock);
	for (i = 0; i < WORKERS; i++)
		if (t[i] != NULL) {
			wx_thr_wait(t[i]);
			CHECK(wx_raw_thread_join(wx_thr_tid(t[i])) == 0,
			      "thread_join failed");
		}
	for (i = 0; i < WORKERS; i++)
		total += taken[i];
	CHECK(total == ITEMS, "%d items taken, want %d", total, ITEMS);
	CHECK(sum == (int64_t)ITEMS * (ITEMS + 1) / 2, "sum %lld",
	      (long long)sum);
	CHECK(wx_raw_thread_join(12345) == 71, "join of no thread: not ESRCH");
	return t_failures != 0;
}
