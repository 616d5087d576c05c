/* clock_gettime (REALTIME, MONOTONIC), clock_getres, nanosleep, usleep,
 * gettimeofday, time. */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b, r, req;
	struct timeval tv;
	time_t now;

	CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0);
	CHECK(a.tv_sec > 1600000000 && a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK(gettimeofday(&tv, NULL) == 0);
	CHECK(tv.tv_sec >= a.tv_sec && tv.tv_sec - a.tv_sec < 5);
	now = time(NULL);
	CHECK(now >= a.tv_sec && now - a.tv_sec < 5);
	printf("realtime is plausible\n");

	CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0);
	CHECK(r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 1000000);
	CHECK(clock_getres(CLOCK_REALTIME, &r) == 0);
	CHECK(r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 1000000);
	printf("resolutions at most 1ms\n");

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	req.tv_sec = 0;
	req.tv_nsec = 30000000;
	CHECK(nanosleep(&req, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	CHECK(ns(&b) - ns(&a) >= 30000000);
	CHECK(ns(&b) - ns(&a) < 2000000000);
	printf("nanosleep 30ms: slept\n");
	a = b;
	CHECK(usleep(20000) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	CHECK(ns(&b) - ns(&a) >= 20000000);
	printf("usleep 20ms: slept\n");
	CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0);
	printf("process cputime readable\n");
	req.tv_nsec = 1000000000;
	errno = 0;
	CHECK(nanosleep(&req, NULL) == -1 && errno == EINVAL);
	printf("nanosleep bad nsec: EINVAL %d\n", errno == EINVAL);
	errno = 0;
	CHECK(clock_gettime((clockid_t)12345, &a) == -1 && errno == EINVAL);
	printf("bad clock: EINVAL %d\n", errno == EINVAL);
	return libc_done();
}
