// wasixrt: --net
/*
 * epoll over pipes, sockets (a socketpair and a TCP listener) and an
 * eventfd: level-triggered events repeat while data is there,
 * edge-triggered ones fire once per arrival, ONESHOT disarms until
 * EPOLL_CTL_MOD re-arms, DEL removes; the user data comes back; the
 * timeout waits about as long as asked; the refusals (DEL twice, ADD
 * twice, the epoll fd itself, a regular file); EPOLLHUP and EPOLLRDHUP
 * when the other end closes.  (Refusals are checked as non-zero only:
 * wasix-libc's epoll_ctl returns the errno instead of setting it;
 * t_net_abi checks the runtime's errors.)
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "libc_test.h"

static int ep;

/* Wait with a short timeout; the fd of the first event (or -1) and the
 * number of events. */
static int wait1(int *fdp, uint32_t *evp, int timeout)
{
	struct epoll_event ev[8];
	int n = epoll_wait(ep, ev, 8, timeout);
	*fdp = n > 0 ? ev[0].data.fd : -1;
	*evp = n > 0 ? ev[0].events : 0;
	return n;
}

static void add(int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
}

int main(void)
{
	int p[2], sv[2], fd, n;
	uint32_t evs;
	char buf[16];

	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0);
	CHECK(pipe(p) == 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);

	/* Level-triggered pipe: reported until read. */
	add(p[0], EPOLLIN);
	CHECK_EQ(wait1(&fd, &evs, 0), 0);
	CHECK_EQ(write(p[1], "ab", 2), 2);
	n = wait1(&fd, &evs, 1000);
	printf("LT pipe: %d fd-ok %d in %d\n", n, fd == p[0], (evs & EPOLLIN) != 0);
	n = wait1(&fd, &evs, 0);
	printf("LT again: %d\n", n);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);
	printf("LT after read: %d\n", wait1(&fd, &evs, 0));

	/* Edge-triggered socket: one event per arrival. */
	add(sv[0], EPOLLIN | EPOLLET);
	CHECK_EQ(write(sv[1], "x", 1), 1);
	printf("ET first: %d\n", wait1(&fd, &evs, 1000));
	printf("ET no new data: %d\n", wait1(&fd, &evs, 0));
	CHECK_EQ(write(sv[1], "y", 1), 1);
	n = wait1(&fd, &evs, 1000);
	printf("ET second: %d fd-ok %d\n", n, fd == sv[0]);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 2);

	/* ONESHOT: once, then nothing until MOD re-arms it. */
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT,
				  .data.u64 = 0x55667788u };
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, sv[0], &ev) == 0);
	CHECK_EQ(write(sv[1], "z", 1), 1);
	/* (32-bit data: wasix-libc gives back the low half of data.u64
	 * alone when it is non-zero.) */
	struct epoll_event out[4];
	memset(out, 0, sizeof(out));
	n = epoll_wait(ep, out, 4, 1000);
	printf("ONESHOT: %d data-ok %d\n", n,
	       n == 1 && out[0].data.u64 == 0x55667788u);
	printf("ONESHOT disarmed: %d\n", epoll_wait(ep, out, 4, 0));
	ev.data.u64 = 42;
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, sv[0], &ev) == 0);
	memset(out, 0, sizeof(out));
	n = epoll_wait(ep, out, 4, 1000);
	printf("ONESHOT re-armed: %d data %llu\n", n,
	       n == 1 ? (unsigned long long)out[0].data.u64 : 0ull);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 1);

	/* DEL, and the errors. */
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) != 0);
	ev.events = EPOLLIN;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev) != 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) != 0);
	char path[256];
	snprintf(path, sizeof(path), "%s/epoll-file", libc_tmp());
	int f = open(path, O_CREAT | O_RDWR, 0600);
	CHECK(f >= 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev) != 0);
	close(f);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, sv[0], NULL) == 0);

	/* eventfd */
	int efd = eventfd(0, 0);
	CHECK(efd >= 0);
	add(efd, EPOLLIN);
	printf("eventfd idle: %d\n", wait1(&fd, &evs, 0));
	uint64_t one = 3;
	CHECK_EQ(write(efd, &one, 8), 8);
	n = wait1(&fd, &evs, 1000);
	printf("eventfd: %d fd-ok %d\n", n, fd == efd);
	CHECK_EQ(read(efd, &one, 8), 8);
	printf("eventfd value %llu\n", (unsigned long long)one);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL) == 0);

	/* A TCP listener: EPOLLIN when a connection waits. */
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &al) == 0);
	CHECK(listen(ls, 2) == 0);
	add(ls, EPOLLIN);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	n = wait1(&fd, &evs, 1000);
	printf("listener: %d fd-ok %d\n", n, fd == ls);
	int s = accept(ls, NULL, NULL);
	CHECK(s >= 0);
	/* Writable at once; HUP after the peer shuts both ways. */
	add(s, EPOLLOUT | EPOLLRDHUP);
	n = wait1(&fd, &evs, 1000);
	printf("writable: %d out %d\n", n, (evs & EPOLLOUT) != 0);
	close(c);
	n = wait1(&fd, &evs, 1000);
	printf("peer closed: %d rdhup %d\n", n, (evs & EPOLLRDHUP) != 0);
	close(s);
	close(ls);

	/* Pipe writer closed: EPOLLHUP. */
	add(p[0], EPOLLIN);
	close(p[1]);
	n = wait1(&fd, &evs, 1000);
	printf("pipe hangup: %d hup %d\n", n, (evs & EPOLLHUP) != 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);

	/* The timeout. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	n = epoll_wait(ep, out, 4, 150);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 +
		  (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("timeout: %d\n", n);
	CHECK(ms >= 140 && ms < 5000);
	errno = 0;
	CHECK(epoll_wait(ep, out, 0, 0) == -1);
	printf("maxevents 0: %s\n", errno == EINVAL ? "EINVAL" : strerror(errno));
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
	close(ep);
	return libc_done();
}
