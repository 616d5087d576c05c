// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --net
/*
 * TCP over loopback, IPv4 and IPv6, in one test: the parent listens on
 * an ephemeral port, a forked child connects and talks.  Checks
 * getsockname/getpeername against each other, accept's peer address,
 * MSG_PEEK, MSG_WAITALL, shutdown (EOF on the other side), a second
 * connection refused after close, and read/write on sockets.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

static socklen_t addr_of(int family, struct sockaddr_storage *ss,
			 uint16_t port)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
	a->sin6_family = AF_INET6;
	a->sin6_port = htons(port);
	a->sin6_addr = in6addr_loopback;
	return sizeof(*a);
}

static uint16_t port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static void child(int family, uint16_t port)
{
	struct sockaddr_storage ss, me;
	socklen_t len = addr_of(family, &ss, port), mlen = sizeof(me);
	char buf[64];
	int fd = socket(family, SOCK_STREAM, 0), ok = 1;

	if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) != 0)
		_exit(10);
	if (getsockname(fd, (struct sockaddr *)&me, &mlen) != 0 ||
	    me.ss_family != family)
		_exit(11);
	/* Tell the parent our own port, then a message in two writes. */
	uint16_t myport = port_of(&me);
	if (write(fd, &myport, 2) != 2)
		ok = 0;
	if (send(fd, "hello, ", 7, 0) != 7 || write(fd, "world", 5) != 5)
		ok = 0;
	if (shutdown(fd, SHUT_WR) != 0)
		ok = 0;
	/* The reply, then EOF. */
	ssize_t n = recv(fd, buf, sizeof(buf), MSG_WAITALL);
	if (n != 12 || memcmp(buf, "HELLO, WORLD", 12) != 0)
		ok = 0;
	if (read(fd, buf, sizeof(buf)) != 0)
		ok = 0;
	close(fd);
	_exit(ok ? 0 : 12);
}

static void one(int family, const char *name)
{
	struct sockaddr_storage ss, peer, local;
	socklen_t len = addr_of(family, &ss, 0), plen = sizeof(peer),
		  llen = sizeof(local);
	int ls = socket(family, SOCK_STREAM, 0), one = 1, st = 0;
	char buf[64], text[INET6_ADDRSTRLEN];
	uint16_t port, cport = 0;
	pid_t pid;

	CHECK(ls >= 0);
	CHECK(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	CHECK(bind(ls, (struct sockaddr *)&ss, len) == 0);
	CHECK(listen(ls, 4) == 0);
	len = sizeof(ss);
	CHECK(getsockname(ls, (struct sockaddr *)&ss, &len) == 0);
	CHECK_EQ(ss.ss_family, family);
	port = port_of(&ss);
	CHECK(port != 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(ls);
		child(family, port);
	}
	CHECK(pid > 0);
	int c = accept(ls, (struct sockaddr *)&peer, &plen);
	CHECK(c >= 0);
	CHECK_EQ(peer.ss_family, family);
	CHECK(getsockname(c, (struct sockaddr *)&local, &llen) == 0);
	CHECK_EQ(port_of(&local), port);
	inet_ntop(family,
		  family == AF_INET
			  ? (void *)&((struct sockaddr_in *)&peer)->sin_addr
			  : (void *)&((struct sockaddr_in6 *)&peer)->sin6_addr,
		  text, sizeof(text));
	printf("%s: peer %s\n", name, text);
	CHECK(recv(c, &cport, 2, MSG_WAITALL) == 2);
	CHECK_EQ(cport, port_of(&peer));
	/* Peek first: the bytes stay. */
	CHECK_EQ(recv(c, buf, 5, MSG_PEEK | MSG_WAITALL), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	size_t got = 0;
	ssize_t n;
	while (got < 12 && (n = read(c, buf + got, 12 - got)) > 0)
		got += (size_t)n;
	CHECK_EQ(got, 12);
	buf[12] = '\0';
	printf("%s: got '%s'\n", name, buf);
	CHECK_EQ(read(c, buf, sizeof(buf)), 0); /* the child's SHUT_WR */
	CHECK_EQ(send(c, "HELLO, WORLD", 12, 0), 12);
	CHECK(close(c) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("%s: child status %d\n", name, WEXITSTATUS(st));
	/* Nobody listens there any more. */
	CHECK(close(ls) == 0);
	int fd = socket(family, SOCK_STREAM, 0);
	len = addr_of(family, &ss, port);
	errno = 0;
	CHECK(connect(fd, (struct sockaddr *)&ss, len) == -1);
	printf("%s: connect after close: %s\n", name,
	       errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
	close(fd);
}

int main(void)
{
	/* As servers do.  (It also makes wasix-libc install its default
	 * signal handler, which the children's SIGCHLD needs until the
	 * runtime applies default actions itself: proc branch.) */
	signal(SIGPIPE, SIG_IGN);
	one(AF_INET, "ipv4");
	one(AF_INET6, "ipv6");
	return libc_done();
}
