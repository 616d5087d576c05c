/*
 * sock_recv_from.c - sock_recv_from(fd, iovs, iovs_len, riflags,
 * ret_nread, ret_roflags, ret_addr_port) -> errno (wasix-abi.md 2b):
 * recvmsg(2) with the sender's address.  riflags: PEEK 1, WAITALL 2,
 * DATA_TRUNCATED 4 (MSG_TRUNC: the real length of a longer datagram is
 * returned), DONT_WAIT 8; roflags: DATA_TRUNCATED 1.  The sender of an
 * AF_UNIX datagram is reported without its path (its host path would
 * name the runtime's view of the sandbox, not the guest's).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_recv_from(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct wx_wasi *w = p->wasi;
	uint32_t iovs = wx_arg32(args, 1), n = wx_arg32(args, 2);
	uint32_t ri = wx_arg32(args, 3);
	struct sockaddr_storage ss;
	struct iovec *iov = NULL;
	struct msghdr msg;
	struct wx_fdref ref;
	uint64_t total;
	ssize_t r;
	int ret, fl = 0;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if ((ref.rights_base & WX_RIGHT_FD_READ) == 0) {
		ret = WX_WASI_EBADF;
		goto out;
	}
	if (ri & ~(uint32_t)(WX_RIFLAG_PEEK | WX_RIFLAG_WAITALL |
			     WX_RIFLAG_DATA_TRUNCATED | WX_RIFLAG_DONT_WAIT)) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	ret = wx_wasi_iovs_check(w, iovs, n, &total);
	if (ret == 0 && (wx_wasi_mem(w, wx_arg32(args, 4), 4) == NULL ||
			 wx_wasi_mem(w, wx_arg32(args, 5), 2) == NULL ||
			 wx_wasi_mem(w, wx_arg32(args, 6),
				     WX_ADDR_PORT_SIZE) == NULL))
		ret = WX_WASI_EMEMVIOLATION;
	if (ret != 0)
		goto out;
	ret = wx_wasi_msg_iovs(w, iovs, n, &msg, &iov);
	if (ret != 0)
		goto out;
	fl |= wx_wasi_recv_msgflags(ri);
	do {
		msg.msg_name = &ss;
		msg.msg_namelen = sizeof(ss);
		memset(&ss, 0, sizeof(ss));
		r = recvmsg(ref.obj->host_fd, &msg, fl);
	} while (r < 0 && errno == EINTR && !wx_interrupt_pending());
	if (r < 0) {
		ret = wx_wasi_errno(errno);
		goto out;
	}
	ret = wx_wasi_put32(w, wx_arg32(args, 4), (uint32_t)r);
	if (ret == 0) {
		uint8_t b[2];
		wx_put16(b, (msg.msg_flags & MSG_TRUNC) ? WX_ROFLAG_DATA_TRUNCATED
							: 0);
		ret = wx_wasi_copyout(w, wx_arg32(args, 5), b, 2);
	}
	if (ret == 0)
		ret = wx_net_addr_write(p, wx_arg32(args, 6),
					(struct sockaddr *)&ss, msg.msg_namelen,
					NULL);
out:
	free(iov);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
