/*
 * sock_addr_peer.c - sock_addr_peer(fd, ret_addr_port) -> errno
 * (wasix-abi.md 2b): getpeername(2).  An AF_UNIX socket reports the guest
 * path it connected to (an accepted one, the peer being unnamed to the
 * guest, an empty path).
 */
#include "../net.h"

int wx_wasix_sock_addr_peer(struct wx_thread *t, void *ctx, uint64_t *args)
{
	return wx_net_sock_name(ctx, args, true);
}
