// wasixrt: --net
/*
 * Socket options through setsockopt/getsockopt: boolean ones (REUSEADDR,
 * KEEPALIVE, BROADCAST, TCP_NODELAY, IPV6_V6ONLY), sizes (SO_RCVBUF,
 * SO_SNDBUF), times (SO_RCVTIMEO, SO_SNDTIMEO, SO_LINGER), read-only ones
 * (SO_TYPE, SO_ACCEPTCONN, SO_ERROR), an unknown option (ENOPROTOOPT),
 * and SO_RCVTIMEO really bounding a recv (EAGAIN).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "libc_test.h"

static int get_int(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);
	if (getsockopt(fd, level, name, &v, &len) != 0)
		return -100 - errno;
	return v;
}

/* Off by default, on once set.  (Not cleared again: wasix-libc's
 * setsockopt passes whether the option's *pointer* is non-zero, so a 0
 * value sets it too; t_net_abi clears options through the syscall.) */
static void flag(int fd, int level, int name, const char *what)
{
	int on = 1;
	int before = get_int(fd, level, name) != 0;
	CHECK(setsockopt(fd, level, name, &on, sizeof(on)) == 0);
	int set = get_int(fd, level, name) != 0;
	printf("%s: %d %d\n", what, before, set);
}

int main(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	int t6 = socket(AF_INET6, SOCK_STREAM, 0);
	struct timeval tv = { 1, 500000 }, got;
	socklen_t len;
	struct linger lg = { 1, 7 }, lgot;
	int v;

	CHECK(t >= 0 && u >= 0 && t6 >= 0);
	flag(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
	flag(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
	flag(u, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST");
	flag(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
	flag(t6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY");

	v = 65536;
	CHECK(setsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) == 0);
	CHECK(setsockopt(t, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) == 0);
	/* Linux doubles what it is given (bookkeeping overhead). */
	printf("SO_RCVBUF %d SO_SNDBUF %d\n", get_int(t, SOL_SOCKET, SO_RCVBUF),
	       get_int(t, SOL_SOCKET, SO_SNDBUF));

	CHECK(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	len = sizeof(got);
	CHECK(getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0);
	printf("SO_RCVTIMEO %ld.%06ld\n", (long)got.tv_sec, (long)got.tv_usec);
	tv.tv_sec = 2;
	tv.tv_usec = 0;
	CHECK(setsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == 0);
	len = sizeof(got);
	CHECK(getsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &got, &len) == 0);
	printf("SO_SNDTIMEO %ld.%06ld\n", (long)got.tv_sec, (long)got.tv_usec);

	CHECK(setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0);
	len = sizeof(lgot);
	CHECK(getsockopt(t, SOL_SOCKET, SO_LINGER, &lgot, &len) == 0);
	printf("SO_LINGER %d %d\n", lgot.l_onoff != 0, lgot.l_linger);

	printf("SO_TYPE %d %d\n", get_int(t, SOL_SOCKET, SO_TYPE) == SOCK_STREAM,
	       get_int(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM);
	printf("SO_ERROR %d\n", get_int(t, SOL_SOCKET, SO_ERROR));
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	CHECK(bind(t, (struct sockaddr *)&a, sizeof(a)) == 0);
	printf("SO_ACCEPTCONN %d", get_int(t, SOL_SOCKET, SO_ACCEPTCONN));
	CHECK(listen(t, 1) == 0);
	printf(" %d\n", get_int(t, SOL_SOCKET, SO_ACCEPTCONN));

	/* A timed-out receive: EAGAIN after about the timeout. */
	tv.tv_sec = 0;
	tv.tv_usec = 200000;
	CHECK(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	CHECK(bind(u, (struct sockaddr *)&a, sizeof(a)) == 0);
	struct timespec t0, t1;
	char buf[4];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	CHECK(recv(u, buf, sizeof(buf), 0) == -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 +
		  (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("timed recv: %s\n", errno == EAGAIN ? "EAGAIN" : strerror(errno));
	CHECK(ms >= 150 && ms < 5000);

	errno = 0;
	v = 1;
	CHECK(setsockopt(t, SOL_SOCKET, 12345, &v, sizeof(v)) == -1);
	printf("unknown option: %s\n",
	       errno == ENOPROTOOPT ? "ENOPROTOOPT" : strerror(errno));
	close(t);
	close(u);
	close(t6);
	return libc_done();
}
