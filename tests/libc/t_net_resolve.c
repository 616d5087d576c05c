// wasixrt: --net
/*
 * getaddrinfo through the runtime's resolve: "localhost" (from the host's
 * /etc/hosts: 127.0.0.1 among its IPv4 answers), literals of both
 * families with a service port.  (No name that would need a DNS query:
 * tests never send traffic beyond loopback.)
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "libc_test.h"

static void show(const char *host, const char *serv, int family)
{
	struct addrinfo hints, *res = NULL, *ai;
	char text[INET6_ADDRSTRLEN];
	int found = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	int r = getaddrinfo(host, serv, &hints, &res);
	if (r != 0) {
		printf("%s: failed\n", host);
		return;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET) {
			struct sockaddr_in *a = (struct sockaddr_in *)ai->ai_addr;
			inet_ntop(AF_INET, &a->sin_addr, text, sizeof(text));
			if (strcmp(text, "127.0.0.1") == 0 && !(found & 1)) {
				printf("%s: %s port %d\n", host, text,
				       ntohs(a->sin_port));
				found |= 1;
			}
		} else if (ai->ai_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)ai->ai_addr;
			inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
			if (strcmp(text, "::1") == 0 && !(found & 2)) {
				printf("%s: %s port %d\n", host, text,
				       ntohs(a->sin6_port));
				found |= 2;
			}
		}
	}
	CHECK(found != 0);
	freeaddrinfo(res);
}

int main(void)
{
	show("localhost", "80", AF_INET);
	show("127.0.0.1", "8080", AF_UNSPEC);
	show("::1", "443", AF_INET6);
	return libc_done();
}
