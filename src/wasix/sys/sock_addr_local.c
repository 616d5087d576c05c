/*
 * sock_addr_local.c - sock_addr_local(fd, ret_addr_port) -> errno
 * (wasix-abi.md 2b): getsockname(2).  An AF_UNIX socket reports the guest
 * path it was bound to (or, accepted, its listener's).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_addr_local(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct wx_fdref ref;
	struct wx_sock *s;
	char path[WX_UNIX_PATH_MAX] = "";
	int ret;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	if (getsockname(ref.obj->host_fd, (struct sockaddr *)&ss, &len) != 0) {
		ret = wx_wasi_errno(errno);
	} else {
		s = ss.ss_family == AF_UNIX ? wx_net_sock_ext(ref.obj) : NULL;
		pthread_mutex_lock(&ref.obj->lock);
		if (s != NULL && s->unix_local != NULL)
			snprintf(path, sizeof(path), "%s", s->unix_local);
		pthread_mutex_unlock(&ref.obj->lock);
		ret = wx_net_addr_write(p, wx_arg32(args, 1),
					(struct sockaddr *)&ss, len, path);
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
