/*
 * echod [PORT] - an echo server: one forked child per connection, which
 * writes back what it reads until EOF.  Built with the real WASIX libc
 * (run under wasixrt) and natively, for tests/net and bench/net.
 * Listens on 127.0.0.1:PORT (0: any free port), prints "port N" once it
 * listens; ends on SIGTERM or SIGINT (children end with their clients).
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static char buf[65536]; /* (not on the stack: wasm stacks are small) */

static int echo(int c)
{
	for (;;) {
		ssize_t n = read(c, buf, sizeof(buf));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return 1;
			}
			off += w;
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	struct sigaction sa;
	unsigned long conns = 0;
	int ls, one = 1;

	a.sin_port = htons((uint16_t)(argc > 1 ? atoi(argv[1]) : 0));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(ls, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(ls, 128) != 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
		perror("echod: listen");
		return 1;
	}
	printf("port %d\n", ntohs(a.sin_port));
	fflush(stdout);
	while (!stop) {
		int c = accept(ls, NULL, NULL), e = errno;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (c < 0) {
			if (e == EINTR)
				continue;
			errno = e;
			perror("echod: accept");
			return 1;
		}
		conns++;
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			close(ls);
			_exit(echo(c));
		}
		close(c);
	}
	while (wait(NULL) > 0)
		;
	fprintf(stderr, "echod: %lu connections\n", conns);
	return 0;
}
