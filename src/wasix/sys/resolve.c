/*
 * resolve.c - resolve(host, host_len, port, addrs, naddrs, ret_naddrs) ->
 * errno (wasix-abi.md 2b, 4.4): the host's getaddrinfo(3), each distinct
 * address once, as 18-byte addr_ip_t (tag u8 @0: 1 INET4, 2 INET6; the
 * address @2), at most naddrs of them (the count written goes to
 * ret_naddrs).  An IP literal needs no permission; a name needs --net or
 * --net-dns (EACCES).  A name that does not exist is ENOENT, a lookup
 * that fails for now EAGAIN; the port is not part of the answer.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "../net.h"

/* Answers beyond this are dropped (bounded work per call). */
#define WX_RESOLVE_MAX 64u

int wx_wasix_resolve(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t naddrs = wx_arg32(args, 4), out = wx_arg32(args, 3);
	uint32_t ret_n = wx_arg32(args, 5), n = 0, i;
	struct addrinfo hints, *res = NULL, *ai;
	uint8_t seen[WX_RESOLVE_MAX][WX_ADDR_IP_SIZE], b[WX_ADDR_IP_SIZE];
	char *host = NULL;
	int ret, g;

	if (wx_wasi_mem(p->wasi, ret_n, 4) == NULL ||
	    wx_wasi_mem(p->wasi, out, (uint64_t)naddrs * WX_ADDR_IP_SIZE) ==
		    NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_guest_string(p, wx_arg32(args, 0), wx_arg32(args, 1), &host);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST;
	g = getaddrinfo(host, NULL, &hints, &res);
	if (g == EAI_NONAME) {
		ret = wx_netpolicy_dns();
		if (ret != 0)
			goto out;
		hints.ai_flags = 0;
		g = getaddrinfo(host, NULL, &hints, &res);
	}
	switch (g) {
	case 0:
		break;
	case EAI_NONAME:
#ifdef EAI_NODATA
	case EAI_NODATA:
#endif
	case EAI_FAIL:
		ret = WX_WASI_ENOENT;
		goto out;
	case EAI_AGAIN:
		ret = WX_WASI_EAGAIN;
		goto out;
	case EAI_MEMORY:
		ret = WX_WASI_ENOMEM;
		goto out;
	case EAI_SYSTEM:
		ret = wx_wasi_errno(errno);
		goto out;
	default:
		ret = WX_WASI_EIO;
		goto out;
	}
	for (ai = res; ai != NULL && n < naddrs && n < WX_RESOLVE_MAX;
	     ai = ai->ai_next) {
		memset(b, 0, sizeof(b));
		if (ai->ai_family == AF_INET) {
			b[0] = WX_AF_INET4;
			memcpy(b + 2,
			       &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
		} else if (ai->ai_family == AF_INET6) {
			b[0] = WX_AF_INET6;
			memcpy(b + 2,
			       &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr,
			       16);
		} else {
			continue;
		}
		for (i = 0; i < n && memcmp(seen[i], b, sizeof(b)) != 0; i++)
			;
		if (i < n)
			continue;
		memcpy(seen[n], b, sizeof(b));
		ret = wx_wasi_copyout(p->wasi, out + n * WX_ADDR_IP_SIZE, b,
				      sizeof(b));
		if (ret != 0)
			goto out;
		n++;
	}
	ret = wx_proc_put32(p, ret_n, n);
out:
	if (res != NULL)
		freeaddrinfo(res);
	free(host);
	return wx_wasi_result(args, ret);
}
