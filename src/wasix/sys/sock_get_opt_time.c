/*
 * sock_get_opt_time.c - sock_get_opt_time(fd, sockopt,
 * ret_option_timestamp) -> errno (wasix-abi.md 2b): the options of
 * sock_set_opt_time.c read back; no timeout (or linger off) is NONE.
 */
#include <errno.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "../net.h"

int wx_wasix_sock_get_opt_time(struct wx_thread *t, void *ctx, uint64_t *args)
{
	struct wx_proc *p = ctx;
	uint32_t opt = wx_arg32(args, 1), out = wx_arg32(args, 2);
	struct wx_fdref ref;
	struct wx_sock *s;
	struct timeval tv;
	struct linger lg;
	socklen_t len;
	uint64_t ns = 0;
	uint8_t b[16];
	int ret, hfd, r = 0;

	if (wx_wasi_mem(p->wasi, out, 16) == NULL)
		return wx_wasi_result(args, WX_WASI_EMEMVIOLATION);
	ret = wx_net_sock_get(p, wx_arg32(args, 0), &ref);
	if (ret != 0)
		return wx_wasi_result(args, ret);
	hfd = ref.obj->host_fd;
	memset(b, 0, sizeof(b));
	switch (opt) {
	case WX_SO_RECV_TIMEOUT:
	case WX_SO_SEND_TIMEOUT:
		len = sizeof(tv);
		r = getsockopt(hfd, SOL_SOCKET,
			       opt == WX_SO_RECV_TIMEOUT ? SO_RCVTIMEO
							 : SO_SNDTIMEO,
			       &tv, &len);
		ns = (uint64_t)tv.tv_sec * 1000000000u +
		     (uint64_t)tv.tv_usec * 1000u;
		b[0] = ns != 0;
		break;
	case WX_SO_LINGER:
		len = sizeof(lg);
		r = getsockopt(hfd, SOL_SOCKET, SO_LINGER, &lg, &len);
		b[0] = lg.l_onoff != 0;
		ns = (uint64_t)lg.l_linger * 1000000000u;
		break;
	case WX_SO_CONNECT_TIMEOUT:
	case WX_SO_ACCEPT_TIMEOUT:
		s = wx_net_sock_ext(ref.obj);
		if (s != NULL) {
			pthread_mutex_lock(&ref.obj->lock);
			ns = opt == WX_SO_CONNECT_TIMEOUT
				     ? s->connect_timeout_ns
				     : s->accept_timeout_ns;
			pthread_mutex_unlock(&ref.obj->lock);
		}
		b[0] = ns != 0;
		break;
	default:
		ret = WX_WASI_ENOPROTOOPT;
	}
	if (r != 0)
		ret = wx_wasi_errno(errno);
	if (ret == 0) {
		if (b[0])
			wx_put64(b + 8, ns);
		ret = wx_wasi_copyout(p->wasi, out, b, sizeof(b));
	}
	wx_fdref_release(&ref);
	return wx_wasi_result(args, ret);
}
