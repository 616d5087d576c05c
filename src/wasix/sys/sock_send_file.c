/*
 * sock_send_file.c - sock_send_file(out_fd, in_fd, offset u64, count u64,
 * ret_sent u64) -> errno (wasix-abi.md 2b): sendfile(2) of `count` bytes
 * of in_fd from `offset`.  As Wasmer does, in_fd's position ends after
 * the bytes sent (wasix-libc's sendfile passes the current position, from
 * fd_tell, when its caller gives no offset, and expects it to move).
 */
#include <errno.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "../net.h"

int wx_wasix_sock_send_file(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint64_t offset = wx_arg64(args, 2), count = wx_arg64(args, 3);
	uint32_t out = wx_arg32(args, 4);
	struct wx_fdref oref, iref;
	off_t off;
	ssize_t r;
	int ret;

	if (wx_wasi_mem(p->wasi, out, 8) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	if (offset > INT64_MAX)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	ret = wx_fdtable_get(&p->wasi->fds, wx_arg32(args, 0),
			     WX_RIGHT_FD_WRITE, &oref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	ret = wx_fdtable_get(&p->wasi->fds, wx_arg32(args, 1),
			     WX_RIGHT_FD_READ, &iref);
	if (ret != 0) {
		wx_fdref_release(&oref);
		return wx_wasi_result(args, ret);
	}
	if (count > 0x7ffff000)
		count = 0x7ffff000; /* Linux's limit for one call */
	off = (off_t)offset;
	do
		r = sendfile(oref.obj->host_fd, iref.obj->host_fd, &off,
			     (size_t)count);
	while (r < 0 && errno == EINTR && !wx_interrupt_pending());
	if (r < 0) {
		ret = wx_wasi_errno(errno);
		if (errno == EPIPE && p->wasi->on_epipe != NULL)
			p->wasi->on_epipe(p->wasi->on_epipe_ctx);
	} else {
		lseek(iref.obj->host_fd, off, SEEK_SET);
		ret = wx_wasi_put64(p->wasi, out, (uint64_t)r);
	}
	wx_fdref_release(&iref);
	wx_fdref_release(&oref);
	return wx_wasi_result(args, ret);
}
