/*
 * sock_send_to.c - sock_send_to(fd, ciovs, ciovs_len, siflags,
 * addr_port_ptr, ret_nwritten) -> errno (wasix-abi.md 2b): sendmsg(2) to
 * an address the policy allows (EACCES otherwise).  siflags: DONT_WAIT 1.
 * A send on a broken connection is EPIPE and raises the guest's SIGPIPE,
 * as Linux's sendto without MSG_NOSIGNAL does (wasix-libc passes no
 * MSG_NOSIGNAL to the runtime: a program that relies on it must ignore
 * SIGPIPE, as portable programs do).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_send_to(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_wasi *w = p->wasi;
	uint32_t iovs = wx_arg32(args, 1), n = wx_arg32(args, 2);
	uint32_t si = wx_arg32(args, 3);
	struct iovec *iov = NULL;
	struct wx_netaddr a;
	struct msghdr msg;
	struct wx_fdref ref;
	uint64_t total;
	ssize_t r;
	int ret;

	a.dirfd = -1;
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if ((ref.rights_base & WX_RIGHT_FD_WRITE) == 0) {
		ret = WX_WASI_EBADF;
		goto out;
	}
	if (si & ~(uint32_t)WX_SIFLAG_DONT_WAIT) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	ret = wx_wasi_iovs_check(w, iovs, n, &total);
	if (ret == 0 && wx_wasi_mem(w, wx_arg32(args, 5), 4) == NULL)
		ret = WX_WASI_EMEMVIOLATION;
	if (ret == 0)
		ret = wx_net_addr_read(p, wx_arg32(args, 4), true, &a);
	if (ret == 0)
		ret = wx_netpolicy_check(WX_NET_CONNECT,
					 (struct sockaddr *)&a.ss);
	if (ret != 0)
		goto out;
	ret = wx_wasi_msg_iovs(w, iovs, n, &msg, &iov);
	if (ret != 0)
		goto out;
	msg.msg_name = &a.ss;
	msg.msg_namelen = a.len;
	do
		r = sendmsg(ref.obj->host_fd, &msg,
			    MSG_NOSIGNAL |
				    (si & WX_SIFLAG_DONT_WAIT ? MSG_DONTWAIT : 0));
	while (r < 0 && errno == EINTR && !wx_interrupt_pending());
	if (r < 0) {
		ret = wx_wasi_errno(errno);
		if (errno == EPIPE && w->on_epipe != NULL)
			w->on_epipe(w->on_epipe_ctx);
		goto out;
	}
	ret = wx_wasi_put32(w, wx_arg32(args, 5), (uint32_t)r);
out:
	wx_net_addr_fini(&a);
	free(iov);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
