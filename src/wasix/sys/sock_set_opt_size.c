/*
 * sock_set_opt_size.c - sock_set_opt_size(fd, sockopt, size u64) -> errno
 * (wasix-abi.md 2b): setsockopt(2) of an integer option: RECV_BUF_SIZE,
 * SEND_BUF_SIZE, RECV_LOWAT, SEND_LOWAT, TTL (the unicast hop limit of an
 * IPv6 socket), MULTICAST_TTL_V4.  A size beyond INT_MAX is EINVAL;
 * LAST_ERROR, TYPE and PROTO are read-only (ENOPROTOOPT, as Linux).
 */
#include <errno.h>
#include <limits.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_set_opt_size(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1);
	uint64_t size = wx_arg64(args, 2);
	struct wx_fdref ref;
	int level, name, v, ret;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (opt == WX_SO_LAST_ERROR || opt == WX_SO_TYPE ||
	    opt == WX_SO_PROTO ||
	    !wx_net_opt_size(opt, wx_net_family(ref.obj->host_fd), &level,
			     &name)) {
		ret = WX_WASI_ENOPROTOOPT;
	} else if (size > INT_MAX) {
		ret = WX_WASI_EINVAL;
	} else {
		v = (int)size;
		if (setsockopt(ref.obj->host_fd, level, name, &v, sizeof(v)) != 0)
			ret = wx_wasi_errno(errno);
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
