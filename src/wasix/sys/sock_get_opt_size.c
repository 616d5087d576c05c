/*
 * sock_get_opt_size.c - sock_get_opt_size(fd, sockopt, ret_size u64) ->
 * errno (wasix-abi.md 2b): getsockopt(2) of an integer option (those of
 * sock_set_opt_size.c, and LAST_ERROR - SO_ERROR, as a WASI errno, which
 * is what wasix-libc's errno values are -, TYPE as a WASIX sock_type, and
 * PROTO).
 */
#include <errno.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_get_opt_size(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1), out = wx_arg32(args, 2);
	struct wx_fdref ref;
	int level, name, v = 0, ret;
	socklen_t len = sizeof(v);

	if (wx_wasi_mem(p->wasi, out, 8) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (!wx_net_opt_size(opt, wx_net_family(ref.obj->host_fd), &level,
			     &name))
		ret = WX_WASI_ENOPROTOOPT;
	else if (getsockopt(ref.obj->host_fd, level, name, &v, &len) != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0) {
		if (opt == WX_SO_LAST_ERROR && v != 0)
			v = wx_wasi_errno(v);
		else if (opt == WX_SO_TYPE)
			v = v == SOCK_DGRAM       ? WX_SOCK_DGRAM
			    : v == SOCK_RAW       ? WX_SOCK_RAW
			    : v == SOCK_SEQPACKET ? WX_SOCK_SEQPACKET
						  : WX_SOCK_STREAM;
		ret = wx_wasi_put64(p->wasi, out, (uint64_t)(uint32_t)v);
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
