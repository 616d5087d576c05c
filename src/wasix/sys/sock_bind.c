/*
 * sock_bind.c - sock_bind(fd, addr_port_ptr) -> errno (wasix-abi.md 2b):
 * bind(2), if the policy lets the run listen on that address (EACCES
 * otherwise).  An AF_UNIX path is created beneath the preopens, and the
 * guest path is what getsockname reports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_bind(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_netaddr a;
	struct wx_fdref ref;
	struct wx_sock *s;
	int ret;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	ret = wx_net_addr_read(p, wx_arg32(args, 1), false, &a);
	if (ret == 0)
		ret = wx_netpolicy_check(WX_NET_LISTEN,
					 (struct sockaddr *)&a.ss);
	if (ret == 0 && bind(ref.obj->host_fd, (struct sockaddr *)&a.ss,
			     a.len) != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0 && a.ss.ss_family == AF_UNIX) {
		s = wx_net_sock_ext(ref.obj);
		if (s != NULL) {
			pthread_mutex_lock(&ref.obj->lock);
			free(s->unix_local);
			s->unix_local = strdup(a.guest_path);
			pthread_mutex_unlock(&ref.obj->lock);
		}
	}
	wx_net_addr_fini(&a);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
