/* Thread-local storage through the real libc: _Thread_local and __thread
 * (initialised per thread, independent), thread-specific data with
 * destructors run at thread exit (also after pthread_exit, not for NULL
 * values, not on the main thread's keys deleted first), pthread_once. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "libc_test.h"

static _Thread_local int tl_counter = 100;
static __thread long tl_array[4] = {1, 2, 3, 4};

static pthread_key_t key, key2;
static atomic_int dtor_calls;
static atomic_long dtor_sum;
static void dtor(void *v)
{
	atomic_fetch_add(&dtor_calls, 1);
	atomic_fetch_add(&dtor_sum, (long)(intptr_t)v);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int once_runs;
static void init_once(void)
{
	atomic_fetch_add(&once_runs, 1);
}

static void *worker(void *arg)
{
	intptr_t n = (intptr_t)arg;
	int i;
	long s = 0;
	pthread_once(&once, init_once);
	if (tl_counter != 100 || tl_array[3] != 4)
		return (void *)-1;
	for (i = 0; i < 1000; i++)
		tl_counter++;
	tl_array[0] = n;
	for (i = 0; i < 4; i++)
		s += tl_array[i];
	if (pthread_getspecific(key) != NULL)
		return (void *)-2;
	pthread_setspecific(key, (void *)(n + 1));
	if (n % 2)
		pthread_setspecific(key2, (void *)(intptr_t)1000);
	if ((intptr_t)pthread_getspecific(key) != n + 1)
		return (void *)-3;
	if (n == 3)
		pthread_exit((void *)(intptr_t)(tl_counter + s));
	return (void *)(intptr_t)(tl_counter + s);
}

int main(void)
{
	pthread_t t[8];
	void *ret;
	intptr_t i;

	CHECK_EQ(pthread_key_create(&key, dtor), 0);
	CHECK_EQ(pthread_key_create(&key2, dtor), 0);
	tl_counter = 5;
	for (i = 0; i < 8; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, (void *)i), 0);
	for (i = 0; i < 8; i++) {
		CHECK_EQ(pthread_join(t[i], &ret), 0);
		printf("thread %d: %ld\n", (int)i, (long)(intptr_t)ret);
	}
	printf("main's _Thread_local still %d, __thread %ld\n", tl_counter,
	       tl_array[0]);
	/* 8 values of key (1..8), 4 of key2 (1000 each) */
	printf("destructors: %d calls, sum %ld\n", atomic_load(&dtor_calls),
	       atomic_load(&dtor_sum));
	CHECK_EQ(atomic_load(&dtor_calls), 12);
	CHECK_EQ(atomic_load(&dtor_sum), 36 + 4000);
	printf("once ran %d time(s)\n", atomic_load(&once_runs));
	CHECK_EQ(atomic_load(&once_runs), 1);

	/* a deleted key's values are not destroyed */
	CHECK_EQ(pthread_setspecific(key, (void *)(intptr_t)77), 0);
	CHECK_EQ((intptr_t)pthread_getspecific(key), 77);
	CHECK_EQ(pthread_key_delete(key), 0);
	CHECK_EQ(pthread_key_delete(key2), 0);
	printf("after delete: %d destructor calls\n", atomic_load(&dtor_calls));
	return libc_done();
}
