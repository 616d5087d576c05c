/*
 * sock_pair.c - sock_pair(af, socktype, proto, ret_fd1, ret_fd2) ->
 * errno (wasix-abi.md 2b): socketpair(2).  Needs no permission: the pair
 * reaches nothing outside the process tree.
 */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../net.h"

int wx_wasix_sock_pair(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t proto = wx_arg32(args, 2), r1 = wx_arg32(args, 3);
	uint32_t r2 = wx_arg32(args, 4), fd[2];
	int dom, type, hproto, hfd[2], ret;

	if (wx_wasi_mem(p->wasi, r1, 4) == NULL ||
	    wx_wasi_mem(p->wasi, r2, 4) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_host_socket(wx_arg32(args, 0), wx_arg32(args, 1), proto,
				 &dom, &type, &hproto);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (socketpair(dom, type | SOCK_CLOEXEC, hproto, hfd) != 0)
		return wx_wasi_result(args, wx_wasi_errno(errno));
	ret = wx_net_sock_insert(p, hfd[0], &fd[0]);
	if (ret != 0) {
		close(hfd[1]);
		return wx_wasi_result(args, ret);
	}
	ret = wx_net_sock_insert(p, hfd[1], &fd[1]);
	if (ret != 0) {
		wx_fdtable_close(&p->wasi->fds, fd[0]);
		return wx_wasi_result(args, ret);
	}
	wx_proc_put32(p, r1, fd[0]);
	wx_proc_put32(p, r2, fd[1]);
	return wx_wasi_result(args, 0);
}
