/* Condition variables through the real libc: a producer/consumer queue
 * (wait/signal), pthread_cond_timedwait timing out (ETIMEDOUT, not
 * early), and broadcast waking every waiter. */
#include <pthread.h>
#include <time.h>
#include "libc_test.h"

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t nonfull = PTHREAD_COND_INITIALIZER;
static int queue[4], head, tail, len;

static void *producer(void *arg)
{
	int i;
	for (i = 1; i <= 1000; i++) {
		pthread_mutex_lock(&m);
		while (len == 4)
			pthread_cond_wait(&nonfull, &m);
		queue[tail] = i;
		tail = (tail + 1) % 4;
		len++;
		pthread_cond_signal(&nonempty);
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static pthread_cond_t go = PTHREAD_COND_INITIALIZER;
static int started, released, woken;
static void *waiter(void *arg)
{
	pthread_mutex_lock(&m);
	started++;
	pthread_cond_broadcast(&nonempty); /* tell main we are waiting */
	while (!released)
		pthread_cond_wait(&go, &m);
	woken++;
	pthread_mutex_unlock(&m);
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	pthread_t p, w[6];
	long sum = 0;
	int i, r;
	struct timespec ts;
	pthread_condattr_t ca;
	pthread_cond_t mono;
	double t0, dt;

	CHECK_EQ(pthread_create(&p, NULL, producer, NULL), 0);
	for (i = 0; i < 1000; i++) {
		pthread_mutex_lock(&m);
		while (len == 0)
			pthread_cond_wait(&nonempty, &m);
		sum += queue[head];
		head = (head + 1) % 4;
		len--;
		pthread_cond_signal(&nonfull);
		pthread_mutex_unlock(&m);
	}
	CHECK_EQ(pthread_join(p, NULL), 0);
	printf("consumed sum %ld\n", sum);
	CHECK_EQ(sum, 500500);

	/* timedwait on CLOCK_REALTIME: nobody signals */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 200 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	t0 = now();
	pthread_mutex_lock(&m);
	r = pthread_cond_timedwait(&go, &m, &ts);
	pthread_mutex_unlock(&m);
	dt = now() - t0;
	printf("timedwait (realtime): %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
	CHECK(dt >= 0.19 && dt < 5);

	/* and on CLOCK_MONOTONIC */
	CHECK_EQ(pthread_condattr_init(&ca), 0);
	CHECK_EQ(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC), 0);
	CHECK_EQ(pthread_cond_init(&mono, &ca), 0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += 0;
	ts.tv_nsec += 100 * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	t0 = now();
	pthread_mutex_lock(&m);
	r = pthread_cond_timedwait(&mono, &m, &ts);
	pthread_mutex_unlock(&m);
	dt = now() - t0;
	printf("timedwait (monotonic): %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
	CHECK(dt >= 0.09 && dt < 5);
	pthread_cond_destroy(&mono);
	pthread_condattr_destroy(&ca);

	/* a timeout already past */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec -= 1;
	pthread_mutex_lock(&m);
	r = pthread_cond_timedwait(&go, &m, &ts);
	pthread_mutex_unlock(&m);
	printf("timedwait (past): %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");

	/* broadcast */
	for (i = 0; i < 6; i++)
		CHECK_EQ(pthread_create(&w[i], NULL, waiter, NULL), 0);
	pthread_mutex_lock(&m);
	while (started < 6)
		pthread_cond_wait(&nonempty, &m);
	released = 1;
	pthread_cond_broadcast(&go);
	pthread_mutex_unlock(&m);
	for (i = 0; i < 6; i++)
		CHECK_EQ(pthread_join(w[i], NULL), 0);
	printf("broadcast woke %d\n", woken);
	CHECK_EQ(woken, 6);
	return libc_done();
}
