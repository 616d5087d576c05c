/*
 * sock_accept_v2.c - sock_accept_v2(fd, fdflags, ret_fd, ret_addr_port)
 * -> errno (wasix-abi.md 2b; wasix_32v1's `sock_accept` is this 4-argument
 * form): accept4(2), the peer's address written out.  fdflags may hold
 * NONBLOCK only.  WASIX's ACCEPT_TIMEOUT option bounds the wait of a
 * blocking socket (ETIMEDOUT).  Interruptible by guest signals (EINTR).
 * The new socket needs no permission: the listening one had it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../net.h"

int wx_wasix_sock_accept_v2(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t flags = wx_arg32(args, 1), ret_fd = wx_arg32(args, 2);
	uint32_t ret_addr = wx_arg32(args, 3), fd;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct wx_fdref ref;
	struct wx_sock *s, *ns;
	struct wx_fdobj *o;
	char *local = NULL;
	uint64_t timeout = 0;
	int ret, hfd;

	if (wx_wasi_mem(p->wasi, ret_fd, 4) == NULL ||
	    wx_wasi_mem(p->wasi, ret_addr, WX_ADDR_PORT_SIZE) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	if (flags & ~(uint32_t)WX_FDFLAG_NONBLOCK)
		return wx_wasi_result(args, WX_WASI_EINVAL);
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	s = wx_net_sock_ext(ref.obj);
	if (s != NULL) {
		pthread_mutex_lock(&ref.obj->lock);
		timeout = s->accept_timeout_ns;
		if (s->unix_local != NULL)
			local = strdup(s->unix_local);
		pthread_mutex_unlock(&ref.obj->lock);
	}
	if (timeout != 0 && (fcntl(ref.obj->host_fd, F_GETFL) & O_NONBLOCK) == 0) {
		ret = wx_net_wait(ref.obj->host_fd, POLLIN, timeout);
		if (ret != 0)
			goto out;
	}
	do
		hfd = accept4(ref.obj->host_fd, (struct sockaddr *)&ss, &len,
			      SOCK_CLOEXEC | (flags & WX_FDFLAG_NONBLOCK
						      ? SOCK_NONBLOCK
						      : 0));
	while (hfd < 0 && errno == EINTR && !wx_interrupt_pending());
	if (hfd < 0) {
		ret = wx_wasi_errno(errno);
		goto out;
	}
	o = wx_fdobj_create(hfd, ref.obj->filetype, false);
	if (o == NULL) {
		close(hfd);
		ret = WX_WASI_ENOMEM;
		goto out;
	}
	if (local != NULL) {
		/* The accepted socket's own address is the listener's. */
		ns = wx_net_sock_ext(o);
		if (ns != NULL) {
			ns->unix_local = local;
			local = NULL;
		}
	}
	ret = wx_fdtable_insert(&p->wasi->fds, o, WX_RIGHTS_STREAM, 0, 0,
				false, &fd);
	if (ret == 0)
		ret = wx_proc_put32(p, ret_fd, fd);
	if (ret == 0)
		ret = wx_net_addr_write(p, ret_addr, (struct sockaddr *)&ss, len,
					NULL);
out:
	free(local);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
