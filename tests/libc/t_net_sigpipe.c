// wasixrt: --net
/*
 * A write to a socket whose peer is gone: with SIGPIPE ignored, write and
 * send fail with EPIPE; with a handler, each also raises SIGPIPE once, as
 * on Linux (send without MSG_NOSIGNAL).  (Death by the default action is
 * left out: wasix-libc's default handler reports the signal and aborts,
 * whatever the runtime does.)
 */
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libc_test.h"

static volatile sig_atomic_t caught;

static void on_pipe(int sig)
{
	if (sig == SIGPIPE)
		caught++;
}

int main(void)
{
	int sv[2];

	signal(SIGPIPE, SIG_IGN);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	close(sv[1]);
	errno = 0;
	CHECK(write(sv[0], "x", 1) == -1);
	printf("write: %s\n", errno == EPIPE ? "EPIPE" : strerror(errno));
	errno = 0;
	CHECK(send(sv[0], "x", 1, 0) == -1);
	printf("send: %s\n", errno == EPIPE ? "EPIPE" : strerror(errno));

	signal(SIGPIPE, on_pipe);
	errno = 0;
	CHECK(write(sv[0], "x", 1) == -1);
	printf("write with a handler: %s, caught %d\n",
	       errno == EPIPE ? "EPIPE" : strerror(errno), (int)caught);
	errno = 0;
	CHECK(send(sv[0], "x", 1, 0) == -1);
	printf("send with a handler: %s, caught %d\n",
	       errno == EPIPE ? "EPIPE" : strerror(errno), (int)caught);
	close(sv[0]);
	return libc_done();
}
