/* Barriers, semaphores and spinlocks through the real libc. */
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>
#include "libc_test.h"

#define N 6
static pthread_barrier_t bar;
static atomic_int phase_count[3];
static atomic_int serial;
static atomic_int order_ok = 1;

static void *barrier_worker(void *arg)
{
	int p, r;
	for (p = 0; p < 3; p++) {
		atomic_fetch_add(&phase_count[p], 1);
		r = pthread_barrier_wait(&bar);
		if (r == PTHREAD_BARRIER_SERIAL_THREAD)
			atomic_fetch_add(&serial, 1);
		else if (r != 0)
			atomic_store(&order_ok, 0);
		/* everyone arrived before anyone passed */
		if (atomic_load(&phase_count[p]) != N)
			atomic_store(&order_ok, 0);
	}
	return NULL;
}

static sem_t items, done;
static atomic_int consumed;
static void *consumer(void *arg)
{
	for (;;) {
		sem_wait(&items);
		if (atomic_fetch_add(&consumed, 1) >= 100) {
			sem_post(&done);
			return NULL;
		}
	}
}

static pthread_spinlock_t spin;
static long spun;
static void *spinner(void *arg)
{
	int i;
	for (i = 0; i < 10000; i++) {
		pthread_spin_lock(&spin);
		spun++;
		pthread_spin_unlock(&spin);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[N];
	int i, v;
	struct timespec ts;

	CHECK_EQ(pthread_barrier_init(&bar, NULL, N), 0);
	for (i = 0; i < N; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, barrier_worker, NULL), 0);
	for (i = 0; i < N; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	printf("barrier: serial threads %d, order %s\n", atomic_load(&serial),
	       atomic_load(&order_ok) ? "ok" : "broken");
	CHECK_EQ(atomic_load(&serial), 3);
	CHECK_EQ(pthread_barrier_destroy(&bar), 0);

	/* semaphores */
	CHECK_EQ(sem_init(&items, 0, 0), 0);
	CHECK_EQ(sem_init(&done, 0, 0), 0);
	errno = 0;
	v = sem_trywait(&items);
	printf("trywait on 0: %d %s\n", v, errno == EAGAIN ? "EAGAIN" : "other");
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 50000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	errno = 0;
	v = sem_timedwait(&items, &ts);
	printf("timedwait on 0: %d %s\n", v,
	       errno == ETIMEDOUT ? "ETIMEDOUT" : "other");
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, consumer, NULL), 0);
	for (i = 0; i < 104; i++)
		CHECK_EQ(sem_post(&items), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(sem_wait(&done), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	CHECK_EQ(sem_getvalue(&items, &v), 0);
	printf("consumed %d, left %d\n", atomic_load(&consumed), v);
	sem_destroy(&items);
	sem_destroy(&done);

	/* spinlock */
	CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, spinner, NULL), 0);
	for (i = 0; i < 4; i++)
		CHECK_EQ(pthread_join(t[i], NULL), 0);
	printf("spinlock count %ld\n", spun);
	CHECK_EQ(spun, 40000);
	return libc_done();
}
