/*
 * sock_shutdown.c - sock_shutdown(fd, sdflags) -> errno (wasix-abi.md 2a).
 * sdflags: RD 1, WR 2, both = SHUT_RDWR; 0 or other bits EINVAL.  Needs
 * SOCK_SHUTDOWN; a non-socket is ENOTSOCK.
 */
#include <errno.h>
#include <sys/socket.h>

#include "../internal.h"

int wx_wasi_sock_shutdown(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_wasi *w = ctx;
	uint32_t how = wx_arg32(args, 1);
	struct wx_fdref ref;
	int ret, h;

	ret = wx_fdtable_get(&w->fds, wx_arg32(args, 0), 0, &ref);
	if (ret != 0)
		goto fail;
	if (ref.obj->filetype != WX_FILETYPE_SOCKET_STREAM &&
	    ref.obj->filetype != WX_FILETYPE_SOCKET_DGRAM)
		ret = WX_WASI_ENOTSOCK;
	else if ((ref.rights_base & WX_RIGHT_SOCK_SHUTDOWN) == 0)
		ret = WX_WASI_ENOTCAPABLE;
	else if (how == 0 || (how & ~(uint32_t)3) != 0)
		ret = WX_WASI_EINVAL;
	if (ret != 0)
		goto out;
	h = how == 3 ? SHUT_RDWR : how == WX_SDFLAG_RD ? SHUT_RD : SHUT_WR;
	if (shutdown(ref.obj->host_fd, h) != 0)
		ret = wx_wasi_errno(errno);
out:
	wx_fdref_release(&ref);
fail:
	return wx_wasi_result(args, ret);
}
