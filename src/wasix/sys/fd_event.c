/* fd_event.c - fd_event(initial_val, eventfdflags, ret_fd) -> errno:
 * eventfd over the host's eventfd.  Flags: bit 0 SEMAPHORE, and the
 * fdflags NONBLOCK bit (4): wasix-libc's eventfd() passes its flags
 * masked to 16 bits, and its EFD_NONBLOCK is O_NONBLOCK, which is
 * fdflags NONBLOCK; EFD_CLOEXEC (bit 30) never arrives.  Other bits are
 * EINVAL, as eventfd(2) says of unknown flags. */
#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "../internal.h"

int wx_wasix_fd_event(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint64_t init = args[0];
	uint32_t flags = wx_arg32(args, 1), ret_fd = wx_arg32(args, 2), fd;
	struct wx_fdobj *o;
	int hfd, ret;
	if (wx_wasi_mem(p->wasi, ret_fd, 4) == NULL) {
		args[0] = WX_WASI_EMEMVIOLATION;
		return 0;
	}
	if (init > UINT32_MAX ||
	    (flags & ~(1u | (uint32_t)WX_FDFLAG_NONBLOCK)) != 0) {
		args[0] = WX_WASI_EINVAL;
		return 0;
	}
	hfd = eventfd((unsigned)init,
		      EFD_CLOEXEC | ((flags & 1) ? EFD_SEMAPHORE : 0) |
			      ((flags & WX_FDFLAG_NONBLOCK) ? EFD_NONBLOCK : 0));
	if (hfd < 0) {
		args[0] = (uint32_t)wx_wasi_errno(errno);
		return 0;
	}
	o = wx_fdobj_create(hfd, WX_FILETYPE_UNKNOWN, false);
	if (o == NULL) {
		close(hfd);
		args[0] = WX_WASI_ENOMEM;
		return 0;
	}
	ret = wx_fdtable_insert(&p->wasi->fds, o, WX_RIGHTS_STREAM, 0, 0,
				false, &fd);
	if (ret == 0)
		wx_proc_put32(p, ret_fd, fd);
	args[0] = (uint32_t)ret;
	return 0;
}
