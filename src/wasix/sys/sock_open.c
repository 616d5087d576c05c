/*
 * sock_open.c - sock_open(af, socktype, proto, ret_fd) -> errno
 * (wasix-abi.md 2b, 4.4): socket(2) over a host socket.  wasix-libc's
 * socket() passes only the low byte of the type (its SOCK_NONBLOCK
 * 0x4000 and SOCK_CLOEXEC 0x2000 are dropped, not applied afterwards: a
 * guest must use fcntl) and the protocol IPPROTO_TCP/UDP for a 0 of
 * stream/datagram sockets, which an AF_UNIX socket takes as its default.  Opening a socket needs no
 * permission (using one does, netpolicy.c), except a raw socket, which
 * could reach any address: --net only.
 */
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_open(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t proto = wx_arg32(args, 2), ret_fd = wx_arg32(args, 3), fd;
	int dom, type, hproto, hfd, ret;

	if (wx_wasi_mem(p->wasi, ret_fd, 4) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_host_socket(wx_arg32(args, 0), wx_arg32(args, 1), proto,
				 &dom, &type, &hproto);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (type == SOCK_RAW) {
		struct sockaddr any = { .sa_family = AF_UNSPEC };
		ret = wx_netpolicy_check(WX_NET_CONNECT, &any);
		if (ret != 0)
			return wx_wasi_result(args, ret);
	}
	/* The host fd never reaches a host exec; the guest's CLOEXEC is a
	 * flag of its fd table. */
	hfd = socket(dom, type | SOCK_CLOEXEC, hproto);
	if (hfd < 0)
		return wx_wasi_result(args, wx_wasi_errno(errno));
	ret = wx_net_sock_insert(p, hfd, &fd);
	if (ret == 0)
		ret = wx_proc_put32(p, ret_fd, fd);
	return wx_wasi_result(args, ret);
}
