/*
 * sock_listen.c - sock_listen(fd, backlog) -> errno (wasix-abi.md 2b):
 * listen(2).  The address is checked against the policy again: a socket
 * that was never bound is bound by listen itself (any address, a port of
 * the kernel's choosing), which only a rule for every port allows.
 */
#include <errno.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_listen(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct wx_fdref ref;
	int32_t backlog = (int32_t)wx_arg32(args, 1);
	int ret;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (getsockname(ref.obj->host_fd, (struct sockaddr *)&ss, &len) != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0)
		ret = wx_netpolicy_check(WX_NET_LISTEN, (struct sockaddr *)&ss);
	if (ret == 0 && listen(ref.obj->host_fd, backlog) != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
