/*
 * sock_leave_multicast_v6.c - sock_leave_multicast_v6(fd, multiaddr_ip6_ptr,
 * iface u32) -> errno (wasix-abi.md 2b): IPV6_LEAVE_GROUP (net.c).
 */
#include "../net.h"

int wx_wasix_sock_leave_multicast_v6(struct wx_thread *t, void *ctx,
				      uint64_t *args)
{
	return wx_net_multicast(ctx, args, true, false);
}
