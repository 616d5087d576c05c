/*
 * fd_pipe.c - fd_pipe(ret_fd1, ret_fd2) -> errno (wasix-abi.md 2b).
 *
 * WASIX pipes are duplex (Wasmer's are bidirectional), so the pair is a
 * host socketpair: each end reads what the other writes, and EOF arrives
 * when every copy of the other end is closed - across forks too, since
 * the kernel owns the ends.
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../internal.h"

/* Put both ends in the table.  Guest errno. */
static int insert_pair(struct wx_fdtable *tab, int hfd[2], uint32_t fd[2])
{
	struct wx_fdobj *o0, *o1;
	int ret;
	o0 = wx_fdobj_create(hfd[0], WX_FILETYPE_UNKNOWN, false);
	if (o0 == NULL) {
		close(hfd[0]);
		close(hfd[1]);
		return WX_WASI_ENOMEM;
	}
	o1 = wx_fdobj_create(hfd[1], WX_FILETYPE_UNKNOWN, false);
	if (o1 == NULL) {
		wx_fdobj_release(o0);
		close(hfd[1]);
		return WX_WASI_ENOMEM;
	}
	ret = wx_fdtable_insert(tab, o0, WX_RIGHTS_STREAM, 0, 0, false, &fd[0]);
	if (ret != 0) {
		wx_fdobj_release(o1);
		return ret;
	}
	ret = wx_fdtable_insert(tab, o1, WX_RIGHTS_STREAM, 0, 0, false, &fd[1]);
	if (ret != 0)
		wx_fdtable_close(tab, fd[0]);
	return ret;
}

int wx_wasix_fd_pipe(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t a = wx_arg32(args, 0), b = wx_arg32(args, 1), fd[2];
	int hfd[2], ret;
	if (wx_wasi_mem(p->wasi, a, 4) == NULL ||
	    wx_wasi_mem(p->wasi, b, 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, hfd) != 0) {
		args[0] = (uint32_t)wx_wasi_errno(errno);
		return 0;
	}
	ret = insert_pair(&p->wasi->fds, hfd, fd);
	if (ret == 0) {
		wx_proc_put32(p, a, fd[0]);
		wx_proc_put32(p, b, fd[1]);
	}
	args[0] = (uint32_t)ret;
	return 0;
}
