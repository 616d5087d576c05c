// wasixrt: --net
/*
 * Blocking socket calls are interrupted by a signal whose handler was
 * installed without SA_RESTART: accept, recv and epoll_wait fail with
 * EINTR once the timer's handler has run.  (A repeating setitimer, not
 * alarm: wasix-libc's setitimer reads it_interval only, so alarm()'s
 * it_value never arms anything; the timer is stopped after each call.)
 */
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "libc_test.h"

static volatile sig_atomic_t rang;

static void on_alarm(int sig)
{
	rang++;
}

static void timer(int on)
{
	struct itimerval it = { { on, 0 }, { on, 0 } };
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
}

int main(void)
{
	struct sigaction sa;
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int ls = socket(AF_INET, SOCK_STREAM, 0), sv[2], r;
	char buf[4];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(listen(ls, 1) == 0);

	timer(1);
	errno = 0;
	r = accept(ls, NULL, NULL);
	timer(0);
	printf("accept: %d %s, handler ran %d\n", r,
	       errno == EINTR ? "EINTR" : strerror(errno), (int)rang);

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	timer(1);
	errno = 0;
	r = (int)recv(sv[0], buf, sizeof(buf), 0);
	timer(0);
	printf("recv: %d %s, handler ran %d\n", r,
	       errno == EINTR ? "EINTR" : strerror(errno), (int)rang);

	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = sv[0] };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev) == 0);
	timer(1);
	errno = 0;
	r = epoll_wait(ep, &ev, 1, 10000);
	timer(0);
	printf("epoll_wait: %d %s, handler ran %d\n", r,
	       errno == EINTR ? "EINTR" : strerror(errno), (int)rang);
	close(ep);
	close(sv[0]);
	close(sv[1]);
	close(ls);
	return libc_done();
}
