// native: skip
// wasixrt: --net-listen 127.0.0.1:* --net-connect 127.0.0.1:1-65535
/*
 * Rules: listening and connecting allowed on 127.0.0.1 only.  A TCP
 * round trip there works; ::1 and the wildcard address are refused
 * (EACCES), and so is a name lookup (no --net-dns).
 */
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libc_test.h"

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in any = { .sin_family = AF_INET };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	socklen_t len = sizeof(a);
	int ls = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0);
	int t6 = socket(AF_INET6, SOCK_STREAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
	char buf[4];

	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, 1) == 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	int s = accept(ls, NULL, NULL);
	CHECK(s >= 0);
	CHECK_EQ(write(c, "hi", 2), 2);
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	printf("127.0.0.1: works\n");

	errno = 0;
	CHECK(bind(t, (struct sockaddr *)&any, sizeof(any)) == -1);
	printf("bind 0.0.0.0: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
	errno = 0;
	CHECK(bind(t6, (struct sockaddr *)&a6, sizeof(a6)) == -1);
	printf("bind ::1: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
	a6.sin6_port = ((struct sockaddr_in *)&a)->sin_port;
	errno = 0;
	CHECK(connect(t6, (struct sockaddr *)&a6, sizeof(a6)) == -1);
	printf("connect ::1: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
	struct addrinfo *res = NULL;
	CHECK(getaddrinfo("localhost", NULL, NULL, &res) != 0);
	printf("getaddrinfo localhost: refused\n");
	return libc_done();
}
