/*
 * t_spawn_legacy.c - the legacy proc_spawn: /bin/echo started with its
 * stdout PIPED (its output read back through the returned handle until
 * EOF at its exit), stdin NULL, stderr INHERIT; chroot is refused;
 * the child is joined like any other.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../guest/wasix.h"

int32_t raw_proc_spawn(int32_t name, int32_t name_len, int32_t chroot,
		       int32_t args, int32_t args_len, int32_t preopen,
		       int32_t preopen_len, int32_t in, int32_t out,
		       int32_t err, int32_t wd, int32_t wd_len,
		       int32_t ret_handles)
	__attribute__((import_module("wasix_32v1"), import_name("proc_spawn")));

struct handles {
	int32_t pid;
	struct { uint8_t tag, pad[3]; int32_t fd; } fd[3];
};

int main(void)
{
	const char *name = "/bin/echo", *args = "/bin/echo\nhello\nlegacy";
	struct handles h;
	char buf[128];
	size_t got = 0;
	ssize_t n;
	int st = 0, fail = 0, r;

	memset(&h, 0xff, sizeof(h));
	r = raw_proc_spawn(WX_PTR(name), (int32_t)strlen(name), 1, WX_PTR(args),
			   (int32_t)strlen(args), 0, 0, 2, 0, 1, 0, 0, WX_PTR(&h));
	if (r != 58) {
		printf("FAIL: chroot=1 gave errno %d, want ENOTSUP (58)\n", r);
		fail = 1;
	}
	r = raw_proc_spawn(WX_PTR(name), (int32_t)strlen(name), 0, WX_PTR(args),
			   (int32_t)strlen(args), 0, 0, 2, 0, 1, 0, 0, WX_PTR(&h));
	if (r != 0) {
		printf("FAIL: proc_spawn errno %d\n", r);
		return 1;
	}
	if (h.pid <= 1 || h.fd[1].tag != 1 || h.fd[0].tag != 0 ||
	    h.fd[2].tag != 0) {
		printf("FAIL: handles pid %d tags %d %d %d\n", h.pid,
		       h.fd[0].tag, h.fd[1].tag, h.fd[2].tag);
		return 1;
	}
	while ((n = read(h.fd[1].fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	if (strcmp(buf, "hello legacy\n") != 0) {
		printf("FAIL: child wrote '%s'\n", buf);
		fail = 1;
	}
	while ((r = wx_waitpid(h.pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r != h.pid || !WX_WIFEXITED(st) || WX_WEXITSTATUS(st) != 0) {
		printf("FAIL: join status %#x\n", st);
		fail = 1;
	}
	return fail;
}
