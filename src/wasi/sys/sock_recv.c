/*
 * sock_recv.c - sock_recv(fd, iovs, iovs_len, riflags, ret_nread,
 * ret_roflags) -> errno (wasix-abi.md 2a): one recvmsg.  riflags: PEEK 1,
 * WAITALL 2, and WASIX's DATA_TRUNCATED 4 (MSG_TRUNC) and DONT_WAIT 8
 * (others EINVAL); roflags: DATA_TRUNCATED 1 when a datagram
 * did not fit.  Needs FD_READ; a non-socket is ENOTSOCK.  At most IOV_MAX
 * iovecs are used (one bounded allocation).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "../internal.h"

int wx_wasi_sock_recv(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t iovs = wx_arg32(args, 1), n = wx_arg32(args, 2);
	uint32_t ri = wx_arg32(args, 3);
	struct iovec *iov = NULL;
	struct msghdr msg;
	struct wx_fdref ref;
	uint64_t total;
	ssize_t r;
	int ret, fl = 0;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), 0, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype != WX_FILETYPE_SOCKET_STREAM &&
	    ref.obj->filetype != WX_FILETYPE_SOCKET_DGRAM &&
	    ref.obj->filetype != WX_FILETYPE_SOCKET_SEQPACKET &&
	    ref.obj->filetype != WX_FILETYPE_SOCKET_RAW) {
		ret = WX_WASI_ENOTSOCK;
		goto out;
	}
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
			 wx_wasi_mem(w, wx_arg32(args, 5), 2) == NULL))
		ret = WX_WASI_EFAULT;
	if (ret != 0)
		goto out;
	ret = wx_wasi_msg_iovs(w, iovs, n, &msg, &iov);
	if (ret != 0)
		goto out;
	fl |= wx_wasi_recv_msgflags(ri);
	do
		r = recvmsg(ref.obj->host_fd, &msg, fl);
	while (r < 0 && errno == EINTR && !wx_interrupt_pending());
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
out:
	free(iov);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
