// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --net
/*
 * Sockets across fork and exec: a TCP connection's socket and a
 * socketpair end are inherited by a forked child that execs a helper,
 * which writes to the TCP socket; a socket marked FD_CLOEXEC is closed
 * by the exec (the helper checks, and the parent sees EOF on its peer
 * once the child's copy is gone).  Then the same through posix_spawn.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int ls = socket(AF_INET, SOCK_STREAM, 0), c, s, cv[2], st = 0;
	char buf[32], fdarg[16], closedarg[16], path[256];

	signal(SIGPIPE, SIG_IGN);
	CHECK(bind(ls, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(getsockname(ls, (struct sockaddr *)&a, &len) == 0);
	CHECK(listen(ls, 1) == 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	s = accept(ls, NULL, NULL);
	CHECK(s >= 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, cv) == 0);
	CHECK(fcntl(cv[1], F_SETFD, FD_CLOEXEC) == 0);

	snprintf(fdarg, sizeof(fdarg), "%d", c);
	snprintf(closedarg, sizeof(closedarg), "%d", cv[1]);
	snprintf(path, sizeof(path), "%s/net_peer", libc_bin());
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(s);
		close(ls);
		close(cv[0]);
		execl(path, "net_peer", fdarg, closedarg, (char *)NULL);
		_exit(127);
	}
	CHECK(pid > 0);
	close(cv[1]);
	close(c);
	/* EOF on cv[0]: the child's copy of cv[1] went with its exec. */
	CHECK_EQ(read(cv[0], buf, sizeof(buf)), 0);
	printf("cloexec socket closed by exec\n");
	size_t got = 0;
	ssize_t n;
	while (got < 9 && (n = read(s, buf + got, sizeof(buf) - got)) > 0)
		got += (size_t)n;
	printf("from the exec'd child: '%.*s'\n", (int)got, buf);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st));
	printf("child status %d\n", WEXITSTATUS(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0); /* every copy of c closed */
	close(s);

	close(cv[0]);

	/* posix_spawn: the same helper, a new connection. */
	extern char **environ;
	c = socket(AF_INET, SOCK_STREAM, 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	s = accept(ls, NULL, NULL);
	CHECK(s >= 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, cv) == 0);
	CHECK(fcntl(cv[1], F_SETFD, FD_CLOEXEC) == 0);
	snprintf(fdarg, sizeof(fdarg), "%d", c);
	snprintf(closedarg, sizeof(closedarg), "%d", cv[1]);
	char *argv[] = { "net_peer", fdarg, closedarg, NULL };
	CHECK(posix_spawn(&pid, path, NULL, NULL, argv, environ) == 0);
	close(cv[1]);
	close(c);
	CHECK_EQ(read(cv[0], buf, sizeof(buf)), 0);
	got = 0;
	while (got < 9 && (n = read(s, buf + got, sizeof(buf) - got)) > 0)
		got += (size_t)n;
	printf("from the spawned child: '%.*s'\n", (int)got, buf);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(s);
	close(cv[0]);
	close(ls);
	return libc_done();
}
