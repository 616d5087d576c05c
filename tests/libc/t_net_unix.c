// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --net
/*
 * AF_UNIX: a stream socket bound to a path in the scratch directory
 * (beneath a preopen for wasixrt), a forked client, getsockname's path,
 * the socket file, a datagram pair, socketpair in three types (stream,
 * datagram, seqpacket), and socketpair's fds inherited across fork.
 */
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

static socklen_t un_addr(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	snprintf(a->sun_path, sizeof(a->sun_path), "%s/%s", libc_tmp(), name);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			   strlen(a->sun_path) + 1);
}

static void stream(void)
{
	struct sockaddr_un a, got;
	socklen_t len = un_addr(&a, "srv.sock"), glen = sizeof(got);
	int ls = socket(AF_UNIX, SOCK_STREAM, 0), st = 0;
	struct stat sb;
	char buf[32];
	pid_t pid;

	CHECK(ls >= 0);
	CHECK(bind(ls, (struct sockaddr *)&a, len) == 0);
	CHECK(stat(a.sun_path, &sb) == 0 && S_ISSOCK(sb.st_mode));
	CHECK(listen(ls, 2) == 0);
	/* (What getsockname gives is not compared: wasix-libc's conversion
	 * of an AF_UNIX address drops it; t_net_abi checks the runtime's
	 * side.) */
	CHECK(getsockname(ls, (struct sockaddr *)&got, &glen) == 0);
	errno = 0;
	CHECK(bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a,
		   len) == -1);
	printf("second bind: %s\n",
	       errno == EADDRINUSE ? "EADDRINUSE" : strerror(errno));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&a, len) != 0)
			_exit(10);
		if (write(c, "over unix", 9) != 9)
			_exit(11);
		_exit(read(c, buf, sizeof(buf)) == 3 ? 0 : 12);
	}
	int c = accept(ls, NULL, NULL);
	CHECK(c >= 0);
	ssize_t n = read(c, buf, sizeof(buf));
	printf("stream: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
	CHECK_EQ(write(c, "ack", 3), 3);
	CHECK(waitpid(pid, &st, 0) == pid);
	printf("stream: child status %d\n", WEXITSTATUS(st));
	close(c);
	close(ls);
	CHECK(unlink(a.sun_path) == 0);
}

static void dgram(void)
{
	struct sockaddr_un a, b, from;
	socklen_t la = un_addr(&a, "a.sock"), lb = un_addr(&b, "b.sock");
	socklen_t lf = sizeof(from);
	int sa = socket(AF_UNIX, SOCK_DGRAM, 0), sb = socket(AF_UNIX, SOCK_DGRAM, 0);
	char buf[32];

	CHECK(bind(sa, (struct sockaddr *)&a, la) == 0);
	CHECK(bind(sb, (struct sockaddr *)&b, lb) == 0);
	CHECK_EQ(sendto(sb, "dgram", 5, 0, (struct sockaddr *)&a, la), 5);
	ssize_t n = recvfrom(sa, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &lf);
	printf("dgram: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
	close(sa);
	close(sb);
	unlink(a.sun_path);
	unlink(b.sun_path);
}

static void pairs(void)
{
	int sv[2], st = 0, type;
	socklen_t tl = sizeof(type);
	char buf[16];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &tl) == 0);
	CHECK_EQ(type, SOCK_STREAM);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		ssize_t n = read(sv[1], buf, sizeof(buf));
		if (n != 4 || write(sv[1], "pong", 4) != 4)
			_exit(1);
		_exit(0);
	}
	close(sv[1]);
	CHECK_EQ(write(sv[0], "ping", 4), 4);
	ssize_t n = read(sv[0], buf, sizeof(buf));
	printf("pair: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 0);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 0);
	close(sv[0]);

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &tl) == 0);
	CHECK_EQ(type, SOCK_DGRAM);
	CHECK_EQ(send(sv[0], "ab", 2, 0), 2);
	CHECK_EQ(send(sv[0], "cde", 3, 0), 3);
	ssize_t n1 = recv(sv[1], buf, sizeof(buf), 0);
	ssize_t n2 = recv(sv[1], buf, sizeof(buf), 0);
	printf("dgram pair: %zd %zd\n", n1, n2);
	close(sv[0]);
	close(sv[1]);

	/* seqpacket: boundaries kept, with recv and read. */
	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	CHECK_EQ(send(sv[0], "one", 3, 0), 3);
	CHECK_EQ(write(sv[0], "three", 5), 5);
	n1 = recv(sv[1], buf, sizeof(buf), 0);
	n2 = read(sv[1], buf, sizeof(buf));
	printf("seqpacket pair: %zd %zd\n", n1, n2);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	stream();
	dgram();
	pairs();
	return libc_done();
}
