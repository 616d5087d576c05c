/*
 * sock_status.c - sock_status(fd, ret_status u8) -> errno (wasix-abi.md
 * 2b, 4.4): FAILED (3) when the socket holds an error, OPENED (1) when it
 * is connected, listening, or a datagram socket, OPENING (0) otherwise (a
 * stream socket not yet connected, or connecting).  CLOSED (2) is not
 * reported: a closed fd is EBADF.
 */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>

#include "../net.h"

int wx_wasix_sock_status(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct wx_fdref ref;
	int err = 0, acc = 0, ret;
	socklen_t ilen = sizeof(int);
	uint8_t st;

	if (wx_wasi_mem(p->wasi, wx_arg32(args, 1), 1) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	/* Reading SO_ERROR would clear it: poll's POLLERR tells without
	 * consuming it. */
	{
		struct pollfd pf = { .fd = ref.obj->host_fd, .events = 0 };
		if (poll(&pf, 1, 0) == 1 && (pf.revents & POLLERR))
			err = 1;
	}
	getsockopt(ref.obj->host_fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &ilen);
	if (err)
		st = 3;
	else if (acc || ref.obj->filetype == WX_FILETYPE_SOCKET_DGRAM ||
		 getpeername(ref.obj->host_fd, (struct sockaddr *)&ss,
			     &len) == 0)
		st = 1;
	else
		st = 0;
	wx_put8(wx_wasi_mem(p->wasi, wx_arg32(args, 1), 1), st);
	wx_fdref_release(&ref);
	return wx_wasi_result(args, 0);
}
