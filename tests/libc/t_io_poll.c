/* poll and select on pipes: readiness, timeouts, POLLHUP when the writer
 * is closed, select on EOF, a sleep with no fds. */
#include <poll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "libc_test.h"

static long ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
	struct pollfd pfd[2];
	struct timespec t0;
	struct timeval tv;
	fd_set rd, wr;
	int p[2], n;
	char c;

	CHECK(pipe(p) == 0);
	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = p[1];
	pfd[1].events = POLLOUT;
	n = poll(pfd, 2, 0);
	printf("empty pipe: %d ready, read end in %d, write end out %d\n", n,
	       !!(pfd[0].revents & POLLIN), !!(pfd[1].revents & POLLOUT));
	CHECK_EQ(n, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = poll(pfd, 1, 50);
	CHECK_EQ(n, 0);
	CHECK(ms_since(&t0) >= 45);
	printf("timeout: %d ready\n", n);
	CHECK(write(p[1], "x", 1) == 1);
	n = poll(pfd, 2, -1);
	printf("after write: %d ready, read end in %d\n", n,
	       !!(pfd[0].revents & POLLIN));
	CHECK_EQ(n, 2);

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	tv.tv_sec = 0;
	tv.tv_usec = 0;
	n = select(p[1] + 1, &rd, &wr, NULL, &tv);
	printf("select: %d ready, rd %d wr %d\n", n, FD_ISSET(p[0], &rd),
	       FD_ISSET(p[1], &wr));
	CHECK_EQ(n, 2);
	CHECK(read(p[0], &c, 1) == 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	/* Over a second: this wasix-libc turns every timeout under one
	 * second into 1 ns (its timespec_to_timestamp_clamp). */
	tv.tv_sec = 1;
	tv.tv_usec = 20000;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = select(p[0] + 1, &rd, NULL, NULL, &tv);
	CHECK_EQ(n, 0);
	CHECK(ms_since(&t0) >= 1000);
	printf("select timeout: %d\n", n);

	close(p[1]);
	pfd[0].revents = 0;
	n = poll(pfd, 1, 1000);
	printf("writer closed: %d ready, hup %d\n", n,
	       !!(pfd[0].revents & POLLHUP));
	CHECK_EQ(n, 1);
	CHECK(pfd[0].revents & POLLHUP);
	CHECK(read(p[0], &c, 1) == 0);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	n = select(p[0] + 1, &rd, NULL, NULL, NULL);
	printf("select on EOF: %d\n", n);
	CHECK_EQ(n, 1);
	close(p[0]);

	/* A sleep through poll with no fds. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(poll(NULL, 0, 30) == 0);
	CHECK(ms_since(&t0) >= 25);
	printf("poll(NULL, 0, 30): slept\n");
	return libc_done();
}
