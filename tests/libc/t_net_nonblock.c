// wasixrt: --net
/*
 * Non-blocking sockets: fcntl O_NONBLOCK (wasix-libc's socket() drops
 * SOCK_NONBLOCK and SOCK_CLOEXEC: it passes the type's low byte only, so
 * portable code sets them with fcntl here), accept with
 * nothing pending (EAGAIN), a non-blocking connect (EINPROGRESS or
 * immediate success on loopback) completed through poll(POLLOUT) and
 * SO_ERROR, poll(POLLIN) and select() seeing data and a pending
 * connection, a refused non-blocking connect reported through SO_ERROR,
 * and accept4's SOCK_NONBLOCK.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libc_test.h"

static int socket_nb(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK) == 0);
	return s;
}

static int connect_nb(struct sockaddr_in *a)
{
	int c = socket_nb();
	int r = connect(c, (struct sockaddr *)a, sizeof(*a));
	CHECK(r == 0 || errno == EINPROGRESS);
	return c;
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int ls = socket_nb(), err = -1;
	char buf[8];

	CHECK(ls >= 0);
	CHECK((fcntl(ls, F_GETFL) & O_NONBLOCK) != 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, 4) == 0);
	errno = 0;
	CHECK(accept(ls, NULL, NULL) == -1);
	printf("accept, none pending: %s\n",
	       errno == EAGAIN ? "EAGAIN" : strerror(errno));

	int c = connect_nb(&a);
	struct pollfd pf = { .fd = c, .events = POLLOUT };
	CHECK_EQ(poll(&pf, 1, 5000), 1);
	printf("connect ready: %d\n", (pf.revents & POLLOUT) != 0);
	len = sizeof(err);
	CHECK(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) == 0);
	printf("SO_ERROR after connect: %d\n", err);

	/* The listener is readable with a connection pending. */
	struct pollfd lp = { .fd = ls, .events = POLLIN };
	CHECK_EQ(poll(&lp, 1, 5000), 1);
	printf("listener readable: %d\n", (lp.revents & POLLIN) != 0);
	int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
	CHECK(s >= 0);
	CHECK((fcntl(s, F_GETFL) & O_NONBLOCK) != 0);
	errno = 0;
	CHECK(read(s, buf, sizeof(buf)) == -1);
	printf("read, nothing sent: %s\n",
	       errno == EAGAIN ? "EAGAIN" : strerror(errno));

	/* select sees the data. */
	CHECK_EQ(write(c, "data", 4), 4);
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(s, &rd);
	struct timeval tv = { 5, 0 };
	CHECK_EQ(select(s + 1, &rd, NULL, NULL, &tv), 1);
	printf("select: %d\n", FD_ISSET(s, &rd) != 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 4);

	/* fcntl turns blocking back on; then off again. */
	CHECK(fcntl(s, F_SETFL, fcntl(s, F_GETFL) & ~O_NONBLOCK) == 0);
	CHECK((fcntl(s, F_GETFL) & O_NONBLOCK) == 0);
	CHECK_EQ(write(c, "x", 1), 1);
	CHECK_EQ(read(s, buf, sizeof(buf)), 1); /* blocks until it is there */
	close(s);
	close(c);

	/* A refused connection, reported asynchronously: poll says the
	 * socket is ready, the next read gives the error.  (Not through SO_ERROR:
	 * wasix-libc's getsockopt answers 0 for it without asking.) */
	close(ls);
	c = connect_nb(&a);
	pf.fd = c;
	pf.events = POLLOUT;
	CHECK_EQ(poll(&pf, 1, 5000), 1);
	printf("refused: ready %d\n", pf.revents != 0);
	errno = 0;
	CHECK(read(c, buf, sizeof(buf)) == -1);
	printf("refused: read %s\n", errno == ECONNREFUSED ? "ECONNREFUSED"
							 : strerror(errno));
	close(c);
	return libc_done();
}
