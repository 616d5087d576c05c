// native: skip
/*
 * No network unless asked (run without --net): sockets can be made and
 * socket pairs used, but binding, listening, connecting, sending to an
 * address, AF_UNIX addresses and name lookups fail with EACCES; an IP
 * literal needs no lookup and resolves.
 */
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "libc_test.h"

#define DENIED(call, what)                                                 \
	do {                                                               \
		errno = 0;                                                 \
		CHECK((call) == -1);                                       \
		CHECK_EQ(errno, EACCES);                                   \
		printf("%s: %s\n", what,                                   \
		       errno == EACCES ? "EACCES" : strerror(errno));      \
	} while (0)

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons(8080),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	int t6 = socket(AF_INET6, SOCK_STREAM, 0), x = socket(AF_UNIX, SOCK_STREAM, 0);
	int sv[2];
	char buf[4];

	CHECK(t >= 0 && u >= 0 && t6 >= 0 && x >= 0);
	DENIED(bind(t, (struct sockaddr *)&a, sizeof(a)), "bind 127.0.0.1:8080");
	DENIED(bind(t6, (struct sockaddr *)&a6, sizeof(a6)), "bind [::1]:0");
	DENIED(listen(t, 1), "listen unbound");
	DENIED(connect(t, (struct sockaddr *)&a, sizeof(a)), "connect");
	DENIED(sendto(u, "x", 1, 0, (struct sockaddr *)&a, sizeof(a)), "sendto");
	snprintf(un.sun_path, sizeof(un.sun_path), "%s/p.sock", libc_tmp());
	DENIED(bind(x, (struct sockaddr *)&un,
		    offsetof(struct sockaddr_un, sun_path) +
			    strlen(un.sun_path) + 1),
	       "bind AF_UNIX");

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK_EQ(write(sv[0], "ok", 2), 2);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 2);
	printf("socketpair: works\n");

	struct addrinfo *res = NULL;
	CHECK(getaddrinfo("localhost", "80", NULL, &res) != 0);
	printf("getaddrinfo localhost: refused\n");
	res = NULL;
	CHECK(getaddrinfo("127.0.0.1", "80", NULL, &res) == 0);
	printf("getaddrinfo 127.0.0.1: %s\n", res ? "resolved" : "none");
	if (res)
		freeaddrinfo(res);
	return libc_done();
}
