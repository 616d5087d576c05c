/*
 * net_rustlisten N - a "Rust-style listener": the calls Rust's
 * std::net::TcpListener and TcpStream make through the C library, in the
 * order they make them, built with the real WASIX libc.
 *
 *   TcpListener::bind     socket(SOCK_STREAM | SOCK_CLOEXEC),
 *                         setsockopt(SO_REUSEADDR), bind, listen(128)
 *   local_addr            getsockname
 *   incoming / accept     accept4(SOCK_CLOEXEC), again on EINTR
 *   peer_addr             getpeername
 *   set_nodelay           setsockopt(TCP_NODELAY), read back
 *   set_read_timeout      setsockopt(SO_RCVTIMEO)
 *   read                  recv(flags 0)
 *   write_all             send(MSG_NOSIGNAL) until all is written
 *   shutdown(Write)       shutdown(SHUT_WR)
 *   drop                  close
 *
 * (and, as Rust's runtime does at start, SIGPIPE ignored).  The
 * SOCK_CLOEXEC flags are passed as Rust passes them but not checked:
 * wasix-libc's socket() keeps only the low byte of the type and its
 * accept4() passes on SOCK_NONBLOCK alone, so no runtime sees them.  Listens on
 * 127.0.0.1, any free port, prints "port N"; answers N HTTP requests
 * with a body naming the peer's address ("you are 127.0.0.1:PORT"),
 * one per connection, then prints "net_rustlisten: N served" on stderr
 * and exits 0.  Exits 1 with a line on stderr when a call fails or a
 * result is not what Rust would rely on (the peer's address from accept4
 * and getpeername, TCP_NODELAY read back).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int fail(const char *what)
{
	fprintf(stderr, "net_rustlisten: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail("send");
		p += w;
		n -= (size_t)w;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int ls, one = 1, served = 0, want;

	if (argc != 2 || (want = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: net_rustlisten N\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0)
		fail("socket");
	if (setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
		fail("SO_REUSEADDR");
	if (bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0)
		fail("bind");
	if (listen(ls, 128) != 0)
		fail("listen");
	if (getsockname(ls, (struct sockaddr *)&a, &len) != 0)
		fail("getsockname");
	printf("port %d\n", ntohs(a.sin_port));
	fflush(stdout);
	while (served < want) {
		struct sockaddr_storage peer, peer2;
		socklen_t plen = sizeof(peer), plen2 = sizeof(peer2);
		struct timeval tmo = { .tv_sec = 10 };
		char req[4096], body[128], head[160], ip[INET6_ADDRSTRLEN];
		size_t got = 0;
		int c, nodelay = 0;
		socklen_t olen = sizeof(nodelay);

		c = accept4(ls, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
		if (c < 0 && errno == EINTR)
			continue;
		if (c < 0)
			fail("accept4");
		if (getpeername(c, (struct sockaddr *)&peer2, &plen2) != 0)
			fail("getpeername");
		if (plen != plen2 || peer.ss_family != AF_INET ||
		    memcmp(&peer, &peer2, plen) != 0) {
			errno = 0;
			fail("accept4's address differs from getpeername's");
		}
		if (setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) ||
		    getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &nodelay, &olen) ||
		    nodelay == 0)
			fail("TCP_NODELAY");
		if (setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo)))
			fail("SO_RCVTIMEO");
		/* Read the request up to its blank line. */
		while (got < sizeof(req) - 1) {
			ssize_t n = recv(c, req + got, sizeof(req) - 1 - got, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				fail("recv");
			got += (size_t)n;
			req[got] = '\0';
			if (strstr(req, "\r\n\r\n") != NULL)
				break;
		}
		struct sockaddr_in *pa = (struct sockaddr_in *)&peer;
		inet_ntop(AF_INET, &pa->sin_addr, ip, sizeof(ip));
		int bl = snprintf(body, sizeof(body),
				  "hello from a Rust-style listener; you are %s:%d\n",
				  ip, ntohs(pa->sin_port));
		int hl = snprintf(head, sizeof(head),
				  "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
				  "Content-Length: %d\r\nConnection: close\r\n\r\n",
				  bl);
		write_all(c, head, (size_t)hl);
		write_all(c, body, (size_t)bl);
		if (shutdown(c, SHUT_WR) != 0)
			fail("shutdown");
		close(c);
		served++;
	}
	close(ls);
	fprintf(stderr, "net_rustlisten: %d served\n", served);
	return 0;
}
