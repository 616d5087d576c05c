// wasixrt: --net
/*
 * UDP over 127.0.0.1 and ::1: sendto/recvfrom with the sender's address,
 * datagram boundaries, MSG_TRUNC (the real length of a longer datagram),
 * MSG_PEEK, MSG_DONTWAIT on an empty socket (EAGAIN), a connected UDP
 * socket with send/recv, and ECONNREFUSED from a port nobody has.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libc_test.h"

static socklen_t loop(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
	a->sin6_family = AF_INET6;
	a->sin6_addr = in6addr_loopback;
	return sizeof(*a);
}

static int port(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET
		       ? ntohs(((const struct sockaddr_in *)ss)->sin_port)
		       : ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static void one(int family, const char *name)
{
	struct sockaddr_storage a, b, from;
	socklen_t la = loop(family, &a), lb = loop(family, &b), lf;
	int s1 = socket(family, SOCK_DGRAM, 0), s2 = socket(family, SOCK_DGRAM, 0);
	char buf[64];
	ssize_t n;

	CHECK(s1 >= 0 && s2 >= 0);
	CHECK(bind(s1, (struct sockaddr *)&a, la) == 0);
	CHECK(bind(s2, (struct sockaddr *)&b, lb) == 0);
	CHECK(getsockname(s1, (struct sockaddr *)&a, &la) == 0);
	CHECK(getsockname(s2, (struct sockaddr *)&b, &lb) == 0);
	CHECK(port(&a) != 0 && port(&b) != 0 && port(&a) != port(&b));

	errno = 0;
	CHECK(recv(s1, buf, sizeof(buf), MSG_DONTWAIT) == -1);
	printf("%s: empty recv: %s\n", name,
	       errno == EAGAIN ? "EAGAIN" : strerror(errno));

	CHECK_EQ(sendto(s2, "first", 5, 0, (struct sockaddr *)&a, la), 5);
	CHECK_EQ(sendto(s2, "second datagram", 15, 0, (struct sockaddr *)&a,
			la), 15);
	lf = sizeof(from);
	n = recvfrom(s1, buf, sizeof(buf), MSG_PEEK, (struct sockaddr *)&from,
		     &lf);
	CHECK_EQ(n, 5);
	CHECK_EQ(port(&from), port(&b));
	CHECK_EQ(from.ss_family, family);
	lf = sizeof(from);
	n = recvfrom(s1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &lf);
	buf[n > 0 ? n : 0] = '\0';
	printf("%s: %zd '%s'\n", name, n, buf);
	/* A 6-byte buffer for a 15-byte datagram: MSG_TRUNC says 15. */
	n = recv(s1, buf, 6, MSG_TRUNC);
	printf("%s: truncated %zd '%.6s'\n", name, n, buf);

	/* Connected: send/recv, and the peer's address. */
	CHECK(connect(s2, (struct sockaddr *)&a, la) == 0);
	CHECK_EQ(send(s2, "via connect", 11, 0), 11);
	n = recv(s1, buf, sizeof(buf), 0);
	printf("%s: %zd '%.*s'\n", name, n, (int)(n > 0 ? n : 0), buf);
	lf = sizeof(from);
	CHECK(getpeername(s2, (struct sockaddr *)&from, &lf) == 0);
	CHECK_EQ(port(&from), port(&a));

	/* Nobody on s1's port once closed: the error comes back. */
	CHECK(close(s1) == 0);
	CHECK_EQ(send(s2, "x", 1, 0), 1);
	errno = 0;
	n = recv(s2, buf, sizeof(buf), 0);
	printf("%s: after close: %zd %s\n", name, n,
	       errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
	close(s2);
}

int main(void)
{
	one(AF_INET, "ipv4");
	one(AF_INET6, "ipv6");
	return libc_done();
}
