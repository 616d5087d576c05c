/*
 * sock_get_opt_flag.c - sock_get_opt_flag(fd, sockopt, ret_flag u8) ->
 * errno (wasix-abi.md 2b): getsockopt(2) of a boolean option (the list of
 * sock_set_opt_flag.c, LISTENING included).
 */
#include <errno.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_get_opt_flag(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1), out = wx_arg32(args, 2);
	struct wx_fdref ref;
	int level, name, v = 0, ret;
	socklen_t len = sizeof(v);
	uint8_t b;

	if (wx_wasi_mem(p->wasi, out, 1) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (!wx_net_opt_flag(opt, wx_net_family(ref.obj->host_fd), &level,
			     &name))
		ret = WX_WASI_ENOPROTOOPT;
	else if (getsockopt(ref.obj->host_fd, level, name, &v, &len) != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0) {
		b = v != 0;
		ret = wx_wasi_copyout(p->wasi, out, &b, 1);
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
