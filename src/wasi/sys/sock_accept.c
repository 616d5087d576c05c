/*
 * sock_accept.c - sock_accept(fd, fdflags, ret_fd) -> errno (wasix-abi.md
 * 2a; preview1's 3-argument form).  accept4 on a listening socket the
 * embedder gave us; the new fd gets stream rights.  fdflags may only hold
 * NONBLOCK (EINVAL otherwise).  A non-socket fd is ENOTSOCK; with no
 * sockets preopened every fd is EBADF or ENOTSOCK.
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasi_sock_accept(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t flags = wx_arg32(args, 1), fd;
	struct wx_fdref ref;
	struct wx_fdobj *o;
	int ret, hfd;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), 0, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype != WX_FILETYPE_SOCKET_STREAM) {
		ret = ref.obj->filetype == WX_FILETYPE_SOCKET_DGRAM
			      ? WX_WASI_ENOTSUP
			      : WX_WASI_ENOTSOCK;
		goto out;
	}
	if ((ref.rights_base & WX_RIGHT_SOCK_ACCEPT) == 0) {
		ret = WX_WASI_ENOTCAPABLE;
		goto out;
	}
	if (flags & ~(uint32_t)WX_FDFLAG_NONBLOCK) {
		ret = WX_WASI_EINVAL;
		goto out;
	}
	if (wx_wasi_mem(w, wx_arg32(args, 2), 4) == NULL) {
		ret = WX_WASI_EFAULT;
		goto out;
	}
	do
		hfd = accept4(ref.obj->host_fd, NULL, NULL,
			      SOCK_CLOEXEC |
				      (flags & WX_FDFLAG_NONBLOCK ? SOCK_NONBLOCK
								  : 0));
	while (hfd < 0 && errno == EINTR && !wx_interrupt_pending());
	if (hfd < 0) {
		ret = wx_wasi_errno(errno);
		goto out;
	}
	o = wx_fdobj_create(hfd, WX_FILETYPE_SOCKET_STREAM, false);
	if (o == NULL) {
		close(hfd);
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	ret = wx_fdtable_insert(&w->fds, o, WX_RIGHTS_STREAM & ~WX_RIGHT_SOCK_ACCEPT,
				0, 0, false, &fd);
	if (ret == 0)
		ret = wx_wasi_put32(w, wx_arg32(args, 2), fd);
out:
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
