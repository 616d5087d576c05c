/*
 * port_enotsup.c - every port_* function of wasix_32v1 (port_bridge,
 * port_unbridge, port_dhcp_acquire, port_addr_*, port_mac,
 * port_gateway_set, port_route_*; wasix-abi.md 2b) -> ENOTSUP.
 *
 * DEVIATION: they drive Wasmer's virtual network stack (a guest-owned
 * interface joined to a remote network).  Guest sockets here are host
 * sockets on the host's own network, which the guest may use as the
 * policy allows but never reconfigure: "not supported" is the answer,
 * not "not implemented yet".
 */
#include "../internal.h"

int wx_wasix_port_enotsup(struct wx_thread *t, void *ctx, uint64_t *args)
{
	args[0] = WX_WASI_ENOTSUP;
	return 0;
}
