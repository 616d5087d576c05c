/*
 * epoll_create.c - epoll_create(ret_fd) -> errno (wasix-abi.md 2b, 4.5):
 * a new epoll fd over a host epoll instance (epoll.h).  wasix-libc's
 * epoll_create1(EPOLL_CLOEXEC) sets the guest CLOEXEC flag afterwards.
 */
#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "../epoll.h"

int wx_wasix_epoll_create(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t ret_fd = wx_arg32(args, 0), fd;
	struct wx_fdobj *o;
	int hfd, ret;

	if (wx_wasi_mem(p->wasi, ret_fd, 4) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	hfd = epoll_create1(EPOLL_CLOEXEC);
	if (hfd < 0)
		return wx_wasi_result(args, wx_wasi_errno(errno));
	o = wx_epoll_create_obj(hfd);
	if (o == NULL) {
		close(hfd);
		return wx_wasi_result(args, WX_WASI_ENOMEM);
	}
	ret = wx_fdtable_insert(&p->wasi->fds, o,
				WX_RIGHT_POLL_FD_READWRITE |
					WX_RIGHT_FD_FDSTAT_SET_FLAGS |
					WX_RIGHT_FD_FILESTAT_GET,
				0, 0, false, &fd);
	if (ret == 0)
		ret = wx_proc_put32(p, ret_fd, fd);
	return wx_wasi_result(args, ret);
}
