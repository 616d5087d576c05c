/*
 * sock_leave_multicast_v4.c - sock_leave_multicast_v4(fd, multiaddr_ip4_ptr,
 * iface_ip4_ptr) -> errno (wasix-abi.md 2b): IP_DROP_MEMBERSHIP (net.c).
 */
#include "../net.h"

int wx_wasix_sock_leave_multicast_v4(struct wx_thread *t, void *ctx,
				      uint64_t *args)
{
	return wx_net_multicast(ctx, args, false, false);
}
