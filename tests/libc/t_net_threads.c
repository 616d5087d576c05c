// wasixrt: --net
/*
 * Sockets shared by threads: a server thread blocks in accept and then
 * echoes, while the main thread connects and talks; a second thread
 * blocks in epoll_wait until the main thread writes to a socketpair.
 */
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libc_test.h"

static int ls, ep, sv[2];

static void *server(void *arg)
{
	char buf[64];
	int c = accept(ls, NULL, NULL);
	(void)arg;
	if (c < 0)
		return (void *)1;
	for (;;) {
		ssize_t n = read(c, buf, sizeof(buf));
		if (n <= 0)
			break;
		if (write(c, buf, (size_t)n) != n)
			break;
	}
	close(c);
	return NULL;
}

static void *waiter(void *arg)
{
	struct epoll_event ev;
	(void)arg;
	int n = epoll_wait(ep, &ev, 1, 10000);
	return (void *)(long)(n == 1 && ev.data.fd == sv[0] ? 0 : 1);
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	pthread_t ts, tw;
	void *r1, *r2;
	char buf[64];

	signal(SIGPIPE, SIG_IGN);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, 1) == 0);
	CHECK(pthread_create(&ts, NULL, server, NULL) == 0);
	usleep(50000); /* (let it block in accept first) */
	int c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	for (int i = 0; i < 100; i++) {
		char msg[32];
		int m = snprintf(msg, sizeof(msg), "message %d", i);
		CHECK_EQ(write(c, msg, (size_t)m), m);
		size_t got = 0;
		while (got < (size_t)m) {
			ssize_t n = read(c, buf + got, sizeof(buf) - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		CHECK(got == (size_t)m && memcmp(buf, msg, (size_t)m) == 0);
	}
	close(c);
	CHECK(pthread_join(ts, &r1) == 0);
	printf("echo thread: %s\n", r1 == NULL ? "100 messages" : "failed");

	ep = epoll_create1(0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = sv[0] };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev) == 0);
	CHECK(pthread_create(&tw, NULL, waiter, NULL) == 0);
	usleep(50000);
	CHECK_EQ(write(sv[1], "wake", 4), 4);
	CHECK(pthread_join(tw, &r2) == 0);
	printf("epoll thread: %s\n", r2 == NULL ? "woken" : "failed");
	close(ep);
	close(sv[0]);
	close(sv[1]);
	close(ls);
	return libc_done();
}
