/* pthreads through the real libc: create and join with a return value,
 * pthread_exit's value, detached threads, pthread_self/equal, 32 threads
 * incrementing shared counters (atomic and under a mutex), attributes. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>
#include "libc_test.h"

#define NTHREADS 32
#define NITERS 2000

static atomic_int counter;
static long plain_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *square(void *arg)
{
	intptr_t n = (intptr_t)arg;
	return (void *)(n * n);
}

static void *exits_early(void *arg)
{
	pthread_exit((void *)((intptr_t)arg + 1000));
	return NULL; /* not reached */
}

static void *bump(void *arg)
{
	int i;
	for (i = 0; i < NITERS; i++) {
		atomic_fetch_add(&counter, 1);
		pthread_mutex_lock(&lock);
		plain_counter++;
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

static pthread_t main_self;
static void *not_main(void *arg)
{
	*(int *)arg = !pthread_equal(pthread_self(), main_self) &&
		      pthread_equal(pthread_self(), pthread_self());
	return NULL;
}

/* Detached threads tell the main thread they ran through this. */
static atomic_int detached_done;
static void *detached(void *arg)
{
	atomic_fetch_add(&detached_done, 1);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	pthread_attr_t attr;
	void *ret;
	intptr_t i;
	int flag = 0, tries, state;
	size_t stack;

	/* return value */
	for (i = 0; i < 4; i++) {
		CHECK_EQ(pthread_create(&t[i], NULL, square, (void *)(i + 3)), 0);
	}
	for (i = 0; i < 4; i++) {
		CHECK_EQ(pthread_join(t[i], &ret), 0);
		printf("square(%d) = %d\n", (int)(i + 3), (int)(intptr_t)ret);
	}
	/* pthread_exit */
	CHECK_EQ(pthread_create(&t[0], NULL, exits_early, (void *)7), 0);
	CHECK_EQ(pthread_join(t[0], &ret), 0);
	printf("pthread_exit value %d\n", (int)(intptr_t)ret);

	/* self / equal */
	main_self = pthread_self();
	CHECK_EQ(pthread_create(&t[0], NULL, not_main, &flag), 0);
	CHECK_EQ(pthread_join(t[0], NULL), 0);
	CHECK_EQ(flag, 1);

	/* 32 threads at once */
	for (i = 0; i < NTHREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, bump, (void *)i), 0);
	for (i = 0; i < NTHREADS; i++) {
		CHECK_EQ(pthread_join(t[i], &ret), 0);
		CHECK_EQ((intptr_t)ret, i);
	}
	printf("atomic counter %d, locked counter %ld\n", atomic_load(&counter),
	       plain_counter);
	CHECK_EQ(atomic_load(&counter), NTHREADS * NITERS);
	CHECK_EQ(plain_counter, NTHREADS * NITERS);

	/* detached: by attribute and by pthread_detach */
	CHECK_EQ(pthread_attr_init(&attr), 0);
	CHECK_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
	CHECK_EQ(pthread_attr_getdetachstate(&attr, &state), 0);
	CHECK_EQ(state, PTHREAD_CREATE_DETACHED);
	CHECK_EQ(pthread_attr_setstacksize(&attr, 256 * 1024), 0);
	CHECK_EQ(pthread_attr_getstacksize(&attr, &stack), 0);
	CHECK_EQ(stack, 256 * 1024);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], &attr, detached, NULL), 0);
	pthread_attr_destroy(&attr);
	for (i = 0; i < 4; i++) {
		CHECK_EQ(pthread_create(&t[i], NULL, detached, NULL), 0);
		CHECK_EQ(pthread_detach(t[i]), 0);
	}
	for (tries = 0; tries < 5000 && atomic_load(&detached_done) < 8; tries++)
		usleep(1000);
	printf("detached threads done: %d\n", atomic_load(&detached_done));
	CHECK_EQ(atomic_load(&detached_done), 8);
	return libc_done();
}
