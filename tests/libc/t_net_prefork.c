// wasixrt: --net
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
/*
 * A pre-fork server: the parent listens on 127.0.0.1, forks 4 workers
 * that each block in accept() on the inherited socket, and then acts as
 * the client.  A worker serves one connection at a time: it answers the
 * request with its own number and holds the connection until the client
 * closes it.  The client opens 4 connections at once and closes them only
 * when all 4 have answered, so each batch must be served by 4 different
 * workers: a worker that cannot accept on the inherited socket, or two
 * that get the same connection, shows.  After BATCHES batches every worker
 * has served exactly BATCHES connections and exits with that count.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

#define WORKERS 4
#define BATCHES 5

static int worker(int ls, int me)
{
	int served = 0;

	while (served < BATCHES) {
		char buf[8];
		int c = accept(ls, NULL, NULL);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			return 100;
		}
		if (read(c, buf, 4) != 4 || memcmp(buf, "who?", 4) != 0)
			return 101;
		buf[0] = (char)('0' + me);
		if (write(c, buf, 1) != 1)
			return 102;
		/* Hold the connection until the client is done with it. */
		while (read(c, buf, sizeof(buf)) > 0)
			;
		close(c);
		served++;
	}
	return served;
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct timeval tmo = { .tv_sec = 20 };
	pid_t pids[WORKERS];
	int ls, st;

	signal(SIGPIPE, SIG_IGN);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(ls >= 0);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, 16) == 0);
	fflush(stdout);
	for (int w = 0; w < WORKERS; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0)
			_exit(worker(ls, w));
	}
	close(ls);
	for (int b = 0; b < BATCHES; b++) {
		int fds[WORKERS], seen = 0;
		for (int i = 0; i < WORKERS; i++) {
			fds[i] = socket(AF_INET, SOCK_STREAM, 0);
			CHECK(fds[i] >= 0);
			/* A worker that never answers fails the test, not
			 * hangs it. */
			CHECK(setsockopt(fds[i], SOL_SOCKET, SO_RCVTIMEO, &tmo,
					 sizeof(tmo)) == 0);
			CHECK(connect(fds[i], (struct sockaddr *)&a, sizeof(a)) == 0);
			CHECK(write(fds[i], "who?", 4) == 4);
		}
		for (int i = 0; i < WORKERS; i++) {
			char id = 0;
			CHECK(read(fds[i], &id, 1) == 1);
			if (id >= '0' && id < '0' + WORKERS)
				seen |= 1 << (id - '0');
			else
				CHECK(!"a worker number");
		}
		for (int i = 0; i < WORKERS; i++)
			close(fds[i]);
		printf("batch %d: served by %d different workers\n", b,
		       __builtin_popcount((unsigned)seen));
		CHECK_EQ(seen, (1 << WORKERS) - 1);
	}
	for (int w = 0; w < WORKERS; w++) {
		CHECK(waitpid(pids[w], &st, 0) == pids[w]);
		CHECK(WIFEXITED(st));
		printf("worker %d: %d connections\n", w, WEXITSTATUS(st));
		CHECK_EQ(WEXITSTATUS(st), BATCHES);
	}
	return libc_done();
}
