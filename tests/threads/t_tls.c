/* t_tls.c - the legacy thread_local_* calls: one key, a separate value per
 * thread, 0 before a thread sets it, EINVAL after destroy. */
#include "../../guest/threads.h"
#include "t.h"

#define IMP(name) __attribute__((import_module("wasix_32v1"), import_name(#name)))
int32_t tl_create(int64_t user, int32_t ret_key) IMP(thread_local_create);
int32_t tl_destroy(int32_t key) IMP(thread_local_destroy);
int32_t tl_set(int32_t key, int64_t val) IMP(thread_local_set);
int32_t tl_get(int32_t key, int32_t ret_val) IMP(thread_local_get);

static int32_t key;
static int64_t seen_before, seen_after;

static void worker(void *arg)
{
	(void)arg;
	tl_get(key, (int32_t)(uintptr_t)&seen_before);
	tl_set(key, 7);
	tl_get(key, (int32_t)(uintptr_t)&seen_after);
}

int main(void)
{
	int64_t mine = -1;
	wx_thr_t *t;
	int err;
	CHECK(tl_create(0, (int32_t)(uintptr_t)&key) == 0, "create failed");
	CHECK(tl_set(key, 5) == 0, "set failed");
	t = wx_thr_create(worker, 0, 1, &err);
	CHECK(t != NULL, "spawn failed");
	if (t != NULL)
		wx_thr_wait(t);
	CHECK(seen_before == 0, "thread saw %lld before setting",
	      (long long)seen_before);
	CHECK(seen_after == 7, "thread saw %lld", (long long)seen_after);
	CHECK(tl_get(key, (int32_t)(uintptr_t)&mine) == 0 && mine == 5,
	      "main thread's value %lld, want 5", (long long)mine);
	CHECK(tl_destroy(key) == 0, "destroy failed");
	CHECK(tl_get(key, (int32_t)(uintptr_t)&mine) == 28,
	      "get after destroy: not EINVAL");
	return t_failures != 0;
}
