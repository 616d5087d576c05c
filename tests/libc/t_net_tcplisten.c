// native: skip
// eh: skip: calls fork(), which the eh and exnref flavours of wasix-libc do not declare
// wasixrt: --tcplisten 127.0.0.1:0 --net-connect 127.0.0.1:*
/*
 * --tcplisten: the runtime opens the listening socket and gives it to
 * the guest as the fd after its preopened directories (3 /bin, 4 /tmp,
 * 5 the virtual /dev, 6 the virtual root: fd 7).  The guest did not bind
 * it and needs no listen permission; a forked child connects to its port.
 */
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_test.h"

int main(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int type = 0, st = 0;
	socklen_t tl = sizeof(type);
	char buf[8];

	signal(SIGPIPE, SIG_IGN);
	CHECK(getsockopt(7, SOL_SOCKET, SO_TYPE, &type, &tl) == 0);
	CHECK_EQ(type, SOCK_STREAM);
	CHECK(getsockname(7, (struct sockaddr *)&a, &len) == 0);
	CHECK_EQ(a.sin_family, AF_INET);
	CHECK_EQ(ntohl(a.sin_addr.s_addr), INADDR_LOOPBACK);
	CHECK(ntohs(a.sin_port) != 0);
	printf("fd 7: listening TCP socket on 127.0.0.1\n");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		_exit(write(c, "hello", 5) == 5 ? 0 : 2);
	}
	int s = accept(7, NULL, NULL);
	CHECK(s >= 0);
	ssize_t n = read(s, buf, sizeof(buf));
	printf("accepted: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	return libc_done();
}
