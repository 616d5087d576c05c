// wasixrt: --net
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/*
 * An epoll server with 200 concurrent clients.  The parent listens on
 * 127.0.0.1 and runs one epoll loop over non-blocking sockets (half of
 * the connections edge-triggered, half level-triggered); a forked child
 * opens 200 connections, keeps them all open, and in each of 3 rounds
 * sends a request on every connection before reading any reply, so the
 * server has up to 200 connections with data pending at once.  Each reply
 * is computed from the request (the connection's index and the round),
 * so a reply on the wrong connection or a lost one is seen.  The server
 * counts connections accepted, the most open at once, requests answered
 * and EOFs; it stops when all 200 clients have closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

#define NCLIENTS 200
#define ROUNDS 3
#define MSG 16 /* fixed-size messages: "%05d %03d ...\n" */

struct conn {
	int fd;
	int et;
	size_t inlen;
	char in[MSG];
	size_t outlen, outoff;
	char out[MSG];
};

static struct conn *conns[4096];

/* The reply to request "IIIII RRR": the index times 7 plus the round. */
static void reply_to(const char *req, char *out)
{
	int i = atoi(req), r = atoi(req + 6);
	snprintf(out, MSG + 1, "%07d %07d", i * 7 + r, r);
}

/* Read what is there; answer each whole request.  Returns -1 once the
 * peer has closed (or failed), 0 otherwise. */
static int serve(struct conn *c, unsigned long *answered)
{
	for (;;) {
		ssize_t n = read(c->fd, c->in + c->inlen, MSG - c->inlen);
		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		c->inlen += (size_t)n;
		if (c->inlen < MSG)
			continue;
		char tmp[MSG + 1];
		reply_to(c->in, tmp);
		memcpy(c->out, tmp, MSG);
		c->inlen = 0;
		c->outlen = MSG;
		c->outoff = 0;
		while (c->outoff < c->outlen) {
			n = write(c->fd, c->out + c->outoff, c->outlen - c->outoff);
			/* 16 bytes into an empty socket buffer: a short or
			 * refused write would be a runtime bug. */
			if (n <= 0)
				return -1;
			c->outoff += (size_t)n;
		}
		(*answered)++;
		/* Level-triggered: one request per wakeup is enough, the
		 * next wait reports the rest.  Edge-triggered: drain. */
		if (!c->et)
			return 0;
	}
}

static int client(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct timeval tmo = { .tv_sec = 20 };
	static int fds[NCLIENTS];
	int bad = 0;

	for (int i = 0; i < NCLIENTS; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 ||
		    setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &tmo,
			       sizeof(tmo)) != 0 ||
		    connect(fds[i], (struct sockaddr *)&a, sizeof(a)) != 0) {
			fprintf(stderr, "client: connect %d: %s\n", i,
				strerror(errno));
			return 10;
		}
	}
	for (int r = 0; r < ROUNDS; r++) {
		char msg[MSG + 1], want[MSG + 1], got[MSG];
		for (int i = 0; i < NCLIENTS; i++) {
			snprintf(msg, sizeof(msg), "%05d %03d .....\n", i, r);
			if (write(fds[i], msg, MSG) != MSG)
				return 11;
		}
		for (int i = 0; i < NCLIENTS; i++) {
			size_t got_n = 0;
			while (got_n < MSG) {
				ssize_t n = read(fds[i], got + got_n, MSG - got_n);
				if (n <= 0) {
					fprintf(stderr, "client: read %d: %zd\n", i, n);
					return 12;
				}
				got_n += (size_t)n;
			}
			snprintf(msg, sizeof(msg), "%05d %03d .....\n", i, r);
			reply_to(msg, want);
			if (memcmp(got, want, MSG) != 0)
				bad++;
		}
	}
	for (int i = 0; i < NCLIENTS; i++)
		close(fds[i]);
	return bad == 0 ? 0 : 13;
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct epoll_event evs[64], ev;
	unsigned long answered = 0;
	int ls, ep, st = -1, open_now = 0, max_open = 0, accepted = 0;
	int closed = 0;
	pid_t pid;

	signal(SIGPIPE, SIG_IGN);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(ls >= 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, NCLIENTS + 16) == 0);
	CHECK(fcntl(ls, F_SETFL, fcntl(ls, F_GETFL) | O_NONBLOCK) == 0);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(ls);
		_exit(client(ntohs(a.sin_port)));
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep >= 0);
	ev.events = EPOLLIN;
	ev.data.fd = ls;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev) == 0);
	while (closed < NCLIENTS) {
		/* 20 s without any event: the test has hung. */
		int n = epoll_wait(ep, evs, 64, 20000);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			CHECK(n > 0);
			break;
		}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == ls) {
				int c;
				while ((c = accept(ls, NULL, NULL)) >= 0) {
					struct conn *cn = calloc(1, sizeof(*cn));
					CHECK(cn != NULL && c < 4096);
					if (cn == NULL || c >= 4096) {
						close(c);
						continue;
					}
					cn->fd = c;
					cn->et = accepted % 2;
					CHECK(fcntl(c, F_SETFL,
						    fcntl(c, F_GETFL) | O_NONBLOCK) == 0);
					ev.events = EPOLLIN | EPOLLRDHUP |
						    (cn->et ? EPOLLET : 0);
					ev.data.fd = c;
					CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev) == 0);
					conns[c] = cn;
					accepted++;
					if (++open_now > max_open)
						max_open = open_now;
				}
				CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
				continue;
			}
			struct conn *c = conns[fd];
			CHECK(c != NULL);
			if (c == NULL)
				continue;
			if (serve(c, &answered) < 0) {
				CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL) == 0);
				close(fd);
				conns[fd] = NULL;
				free(c);
				open_now--;
				closed++;
			}
		}
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fprintf(stderr, "client status %#x\n", st);
	printf("accepted %d, most open at once %d, answered %lu, closed %d\n",
	       accepted, max_open, answered, closed);
	CHECK_EQ(accepted, NCLIENTS);
	CHECK_EQ(max_open, NCLIENTS);
	CHECK_EQ(answered, NCLIENTS * ROUNDS);
	close(ep);
	close(ls);
	return libc_done();
}
