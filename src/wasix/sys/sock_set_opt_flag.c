/*
 * sock_set_opt_flag.c - sock_set_opt_flag(fd, sockopt, flag u8) -> errno
 * (wasix-abi.md 2b, 4.4): setsockopt(2) of a boolean option (REUSE_PORT,
 * REUSE_ADDR, NO_DELAY, DONT_ROUTE, ONLY_V6, BROADCAST, MULTICAST_LOOP_V4/
 * V6, KEEP_ALIVE, OOB_INLINE; LISTENING is read-only, as SO_ACCEPTCONN
 * is).  NOOP (what wasix-libc maps SO_MARK and the like to) succeeds and
 * does nothing; PROMISCUOUS is ENOTSUP; any other option ENOPROTOOPT.
 */
#include <errno.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_set_opt_flag(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1), flag = wx_arg32(args, 2);
	struct wx_fdref ref;
	int level, name, v = flag != 0, ret;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (opt == WX_SO_NOOP)
		ret = 0;
	else if (opt == WX_SO_PROMISCUOUS)
		ret = WX_WASI_ENOTSUP;
	else if (flag > 1)
		ret = WX_WASI_EINVAL;
	else if (!wx_net_opt_flag(opt, wx_net_family(ref.obj->host_fd),
				  &level, &name))
		ret = WX_WASI_ENOPROTOOPT;
	else if (setsockopt(ref.obj->host_fd, level, name, &v, sizeof(v)) != 0)
		ret = wx_wasi_errno(errno);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
