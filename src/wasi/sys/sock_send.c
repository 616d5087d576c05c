/*
 * sock_send.c - sock_send(fd, ciovs, ciovs_len, siflags, ret_nwritten) ->
 * errno (wasix-abi.md 2a): one sendmsg with MSG_NOSIGNAL (a closed peer
 * is EPIPE, never a host SIGPIPE; the guest's SIGPIPE is raised through
 * the EPIPE hook, as Linux's send without MSG_NOSIGNAL does - wasix-libc
 * never passes that flag on).  siflags: WASIX's DONT_WAIT 1 (preview1
 * defines none); other bits are EINVAL.  Needs FD_WRITE; a non-socket is ENOTSOCK.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "../internal.h"

int wx_wasi_sock_send(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t iovs = wx_arg32(args, 1), n = wx_arg32(args, 2);
	struct iovec *iov = NULL;
	struct msghdr msg;
	struct wx_fdref ref;
	uint64_t total;
	ssize_t r;
	int ret;

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
	if ((ref.rights_base & WX_RIGHT_FD_WRITE) == 0) {
		ret = WX_WASI_EBADF;
		goto out;
	}
	if (wx_arg32(args, 3) & ~(uint32_t)WX_SIFLAG_DONT_WAIT) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	ret = wx_wasi_iovs_check(w, iovs, n, &total);
	if (ret == 0 && wx_wasi_mem(w, wx_arg32(args, 4), 4) == NULL)
		ret = WX_WASI_EFAULT;
	if (ret != 0)
		goto out;
	ret = wx_wasi_msg_iovs(w, iovs, n, &msg, &iov);
	if (ret != 0)
		goto out;
	do
		r = sendmsg(ref.obj->host_fd, &msg,
			    MSG_NOSIGNAL |
				    (wx_arg32(args, 3) & WX_SIFLAG_DONT_WAIT ? MSG_DONTWAIT
								     : 0));
	while (r < 0 && errno == EINTR && !wx_interrupt_pending());
	if (r < 0) {
		ret = wx_wasi_errno(errno);
		if (errno == EPIPE && w->on_epipe != NULL)
			w->on_epipe(w->on_epipe_ctx);
	} else
		ret = wx_wasi_put32(w, wx_arg32(args, 4), (uint32_t)r);
out:
	free(iov);
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
