/*
 * sock_connect.c - sock_connect(fd, addr_port_ptr) -> errno (wasix-abi.md
 * 2b): connect(2), if the policy lets the run connect to that address
 * (EACCES otherwise).  A non-blocking socket answers EINPROGRESS and the
 * guest polls for POLLOUT, as on Linux.  A blocking connect interrupted
 * by a host signal that is not for the guest waits on for the outcome
 * (the kernel goes on connecting); one interrupted for the guest is
 * EINTR.  WASIX's CONNECT_TIMEOUT option bounds a blocking connect
 * (ETIMEDOUT).  An AF_UNSPEC address dissolves a datagram socket's
 * association and needs no permission.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../net.h"

/* The outcome of a connect in progress on a blocking socket. */
static int wx_connect_finish(int hfd, uint64_t timeout_ns)
{
	int ret = wx_net_wait(hfd, POLLOUT, timeout_ns), err = 0;
	socklen_t len = sizeof(err);

	if (ret != 0)
		return ret;
	if (getsockopt(hfd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		return wx_wasi_errno(errno);
	return err != 0 ? wx_wasi_errno(err) : 0;
}

int wx_wasix_sock_connect(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	const uint8_t *tag = wx_wasi_mem(p->wasi, wx_arg32(args, 1), 1);
	struct wx_netaddr a;
	struct wx_fdref ref;
	struct wx_sock *s = NULL;
	uint64_t timeout = 0;
	bool blocking;
	int ret, hfd;

	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	hfd = ref.obj->host_fd;
	if (tag != NULL && *tag == WX_AF_UNSPEC) {
		struct sockaddr un = { .sa_family = AF_UNSPEC };
		ret = connect(hfd, &un, sizeof(un)) != 0 ? wx_wasi_errno(errno)
							 : 0;
		wx_fdref_release(&ref);
		return wx_wasi_result(args, ret);
	}
	ret = wx_net_addr_read(p, wx_arg32(args, 1), true, &a);
	if (ret == 0)
		ret = wx_netpolicy_check(WX_NET_CONNECT,
					 (struct sockaddr *)&a.ss);
	if (ret != 0)
		goto out;
	s = wx_net_sock_ext(ref.obj);
	if (s != NULL)
		timeout = s->connect_timeout_ns;
	blocking = (fcntl(hfd, F_GETFL) & O_NONBLOCK) == 0;
	if (blocking && timeout != 0) {
		/* Connect without blocking and wait for at most the timeout;
		 * the file status flags are the description's, so they are
		 * restored at once. */
		int fl = fcntl(hfd, F_GETFL);
		fcntl(hfd, F_SETFL, fl | O_NONBLOCK);
		ret = connect(hfd, (struct sockaddr *)&a.ss, a.len);
		int e = errno;
		fcntl(hfd, F_SETFL, fl);
		if (ret != 0 && e == EINPROGRESS)
			ret = wx_connect_finish(hfd, timeout);
		else if (ret != 0)
			ret = wx_wasi_errno(e);
	} else if (connect(hfd, (struct sockaddr *)&a.ss, a.len) != 0) {
		if (errno == EINTR && blocking && !wx_interrupt_pending())
			ret = wx_connect_finish(hfd, UINT64_MAX);
		else
			ret = wx_wasi_errno(errno);
	}
	if (ret == 0 && a.ss.ss_family == AF_UNIX && s != NULL) {
		pthread_mutex_lock(&ref.obj->lock);
		free(s->unix_peer);
		s->unix_peer = strdup(a.guest_path);
		pthread_mutex_unlock(&ref.obj->lock);
	}
out:
	wx_net_addr_fini(&a);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
