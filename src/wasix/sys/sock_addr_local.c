/*
 * sock_addr_local.c - sock_addr_local(fd, ret_addr_port) -> errno
 * (wasix-abi.md 2b): getsockname(2).  An AF_UNIX socket reports the guest
 * path it was bound to (or, accepted, its listener's).
 */
#include "../net.h"

int wx_wasix_sock_addr_local(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_net_sock_name(ctx, args, false);
}
